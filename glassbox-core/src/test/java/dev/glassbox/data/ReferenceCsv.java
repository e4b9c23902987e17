package dev.glassbox.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV text read as the CLI read files before {@link CsvTokenizer}: Apache Commons CSV's RFC 4180
 * format with empty lines ignored, the records checked and messages made as {@code CsvFiles} did,
 * into a {@link ReferenceTable}. The reference the tokenizer must agree with, cell for cell and
 * message for message.
 */
final class ReferenceCsv {
    private ReferenceCsv() {}

    /** The table, or a DatasetException with the message the CLI gave. */
    static ReferenceTable read(String name, String text, char delimiter) {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false).get();
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (header == null) {
                    if (cells.size() > Table.MAX_COLUMNS) {
                        throw new DatasetException(name + ": " + cells.size() + " columns, more than the "
                                + Table.MAX_COLUMNS + " a table may have");
                    }
                    header = cells;
                } else {
                    if (cells.size() != header.size()) {
                        throw new DatasetException(name + ": line " + record.getRecordNumber() + " has "
                                + cells.size() + " cells, expected " + header.size()
                                + " (one per column of the header)");
                    }
                    rows.add(cells);
                }
            }
        } catch (UncheckedIOException e) {
            throw new DatasetException(name + ": not valid CSV (" + e.getCause().getMessage() + ")", e);
        } catch (IOException | IllegalStateException e) {
            throw new DatasetException(name + ": not valid CSV (" + e.getMessage() + ")", e);
        }
        if (header == null) {
            throw new DatasetException(name + ": the file is empty; expected a header row and rows of data");
        }
        if (rows.isEmpty()) {
            throw new DatasetException(name + ": the header row has no rows of data under it");
        }
        return ReferenceTable.of(name, header, rows);
    }
}
