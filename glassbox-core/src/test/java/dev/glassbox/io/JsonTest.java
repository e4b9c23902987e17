package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    // ---- parsing: accepted values ----

    @Test
    void parsesEveryKindOfValue() {
        Object parsed = Json.parse(" {\"a\": [1, -2.5, 3e2, true, false, null, \"x\"], \"b\": {}, \"c\": []} \n");

        Map<String, Object> expected = new LinkedHashMap<>();
        List<Object> a = new ArrayList<>(List.of(1L, -2.5, 300.0, true, false));
        a.add(Json.NULL);
        a.add("x");
        expected.put("a", a);
        expected.put("b", Map.of());
        expected.put("c", List.of());
        assertThat(parsed).isEqualTo(expected);
    }

    @Test
    void keepsObjectKeysInFileOrder() {
        Map<?, ?> parsed = (Map<?, ?>) Json.parse("{\"z\":1,\"a\":2,\"m\":3}");

        assertThat(List.copyOf(parsed.keySet())).isEqualTo(List.of("z", "a", "m"));
    }

    @Test
    void integralNumbersAreLongsAndOthersDoubles() {
        assertThat(Json.parse("0")).isEqualTo(0L);
        assertThat(Json.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        // One more than a long holds: read as a double, like most readers do.
        assertThat(Json.parse("9223372036854775808")).isEqualTo(9.223372036854775808e18);
        assertThat(Json.parse("1.0")).isEqualTo(1.0);
        assertThat(Json.parse("1E-3")).isEqualTo(0.001);
        assertThat(Json.parse("-0.5e+1")).isEqualTo(-5.0);
    }

    @Test
    void decodesEveryEscape() {
        Object parsed = Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"");

        assertThat(parsed).isEqualTo("\" \\ / \b \f \n \r \t é 😀");
    }

    @Test
    void acceptsRawNonAsciiIncludingSurrogatePairs() {
        assertThat(Json.parse("\"Grüße 😀\"")).isEqualTo("Grüße 😀");
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);

        assertThat(Json.parse(deepest)).isInstanceOf(List.class);
    }

    // ---- parsing: rejections, each with its offset ----

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"a\":1} x`              | at offset 8: expected end of input after the value, got 'x'",
        "`{\"a\":1}{}`              | at offset 7: expected end of input",
        "`{\"a\":1,\"a\":2}`        | at offset 7: duplicate object key \"a\"",
        "`{\"a\" 1}`                | at offset 5: expected ':' after object key, got '1'",
        "`{\"a\":1,}`               | at offset 7: expected '\"' to start an object key, got '}'",
        "`{a:1}`                    | at offset 1: expected '\"' to start an object key, got 'a'",
        "`[1,]`                     | at offset 3: expected a value, got ']'",
        "`[1 2]`                    | at offset 3: expected ',' or ']' after an array element, got '2'",
        "`{\"a\":1 \"b\":2}`        | at offset 7: expected ',' or '}' after an object member",
        "`\"\\x\"`                  | at offset 1: invalid escape 'x'",
        "`\"\\u12G4\"`              | at offset 5: expected 4 hex digits after \\u, got 'G'",
        "`\"\\uD800\"`              | at offset 1: unpaired surrogate \\uD800",
        "`\"\\uD800\\u0041\"`       | at offset 1: unpaired surrogate \\uD800: followed by \\u0041",
        "`\"\\uDC00\"`              | at offset 1: unpaired surrogate \\uDC00: a low half",
        "`\"abc`                    | at offset 4: expected '\"' to close the string that starts at offset 0",
        "`01`                       | at offset 0: leading zero",
        "`-01`                      | at offset 0: leading zero",
        "`1.`                       | at offset 2: expected a digit after the decimal point",
        "`.5`                       | at offset 0: expected a value, got '.'",
        "`+1`                       | at offset 0: expected a value, got '+'",
        "`1e`                       | at offset 2: expected a digit in the exponent",
        "`-`                        | at offset 1: expected a digit, got end of input",
        "`1e400`                    | at offset 0: number 1e400 is beyond the range of a double",
        "`NaN`                      | at offset 0: NaN and Infinity are not JSON numbers",
        "`Infinity`                 | at offset 0: NaN and Infinity are not JSON numbers",
        "`-Infinity`                | at offset 1: expected a digit, got 'I'",
        "`tru`                      | at offset 0: expected a value, got 't'",
        "`nul`                      | at offset 0: expected a value",
        "`True`                     | at offset 0: expected a value, got 'T'",
        "``                         | at offset 0: expected a value, got end of input",
        "`   `                      | at offset 3: expected a value, got end of input",
    })
    void rejectsWithOffset(String text, String message) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JSON: ")
                .hasMessageContaining(message);
    }

    @Test
    void reportsTheOffsetAsANumber() {
        assertThatThrownBy(() -> Json.parse("{\"key\": 1, \"other\" 2}"))
                .isInstanceOfSatisfying(JsonException.class, e -> {
                    assertThat(e.offset()).isEqualTo(19);
                    assertThat(e).hasMessage("JSON: at offset 19: expected ':' after object key, got '2'");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u001f", "\n", "\t"})
    void rejectsRawControlCharactersInStrings(String control) {
        assertThatThrownBy(() -> Json.parse("\"a" + control + "b\""))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("at offset 2: control character U+00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "\uDC00", "\uD800x"})
    void rejectsRawUnpairedSurrogates(String lone) {
        assertThatThrownBy(() -> Json.parse("\"" + lone + "\""))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("at offset 1: unpaired surrogate");
    }

    @Test
    void rejectsWhitespaceThatJsonDoesNotAllow() {
        assertThatThrownBy(() -> Json.parse("\u00a01"))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("got U+00A0");
    }

    @Test
    void rejectsNestingOneBeyondTheLimit() {
        String tooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);

        assertThatThrownBy(() -> Json.parse(tooDeep))
                .isInstanceOf(JsonException.class)
                .hasMessage("JSON: at offset 64: nesting deeper than 64 levels");
    }

    @Test
    void rejectsHostileNestingWithoutStackOverflow() {
        // Recursion depth is bounded before it grows, so 100000 levels fail like 65 do.
        String arrays = "[".repeat(100_000);
        String objects = "{\"a\":".repeat(100_000);

        assertThatThrownBy(() -> Json.parse(arrays))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting deeper than 64 levels");
        assertThatThrownBy(() -> Json.parse(objects))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting deeper than 64 levels");
    }

    // ---- writing ----

    @Test
    void writesCompactJsonInInsertionOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("epoch", 3);
        value.put("loss", 0.25);
        value.put("name", "run \"1\"");
        value.put("ok", true);
        value.put("none", null);
        value.put("marker", Json.NULL);
        value.put("list", List.of(1L, 2.5f, "x"));

        assertThat(Json.write(value)).isEqualTo(
                "{\"epoch\":3,\"loss\":0.25,\"name\":\"run \\\"1\\\"\",\"ok\":true,\"none\":null,\"marker\":null,"
                        + "\"list\":[1,2.5,\"x\"]}");
    }

    @Test
    void writesUnorderedMapsInSortedKeyOrder() {
        Map<String, Object> unordered = new HashMap<>();
        for (String key : List.of("zeta", "alpha", "mid", "beta")) {
            unordered.put(key, 1);
        }

        assertThat(Json.write(unordered)).isEqualTo("{\"alpha\":1,\"beta\":1,\"mid\":1,\"zeta\":1}");
        assertThat(Json.write(Map.of("b", 1, "a", 2))).isEqualTo("{\"a\":2,\"b\":1}");
    }

    @Test
    void escapesSoTheOutputIsOneLine() {
        String written = Json.write("line1\nline2\r\t\b\f\u0001\u001f \\ \" é 😀");

        assertThat(written).isEqualTo("\"line1\\nline2\\r\\t\\b\\f\\u0001\\u001f \\\\ \\\" é 😀\"");
        assertThat(written).doesNotContain("\n", "\r");
    }

    @Test
    void roundTripsNestedValues() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "tab\there, quote \", backslash \\, nul \u0000, emoji 😀, del \u007f");
        value.put("numbers", List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1.5, -0.0, 1e-300, 1.7976931348623157e308));
        value.put("nested", Map.of("deep", List.of(List.of(Map.of()))));
        value.put("flags", List.of(true, false, Json.NULL));

        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Test
    void doublesRoundTripExactly() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                assertThat((double) Json.parse(Json.write(d))).isEqualTo(d);
            }
        }
    }

    @Test
    void floatsRoundTripExactlyThroughDouble() {
        // A float is written with its own shortest decimal and read back as a double; the cast must
        // give the same float (no double-rounding surprise).
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(f)) {
                Object back = Json.parse(Json.write(f));
                float read = back instanceof Long n ? n.floatValue() : (float) (double) (Double) back;
                assertThat(Float.floatToRawIntBits(read)).as("%s", f).isEqualTo(Float.floatToRawIntBits(f));
            }
        }
        assertThat(Json.write(0.1f)).isEqualTo("0.1");
        assertThat(Json.write(1e-5f)).isEqualTo("1.0E-5");
    }

    @Test
    void writesBigDecimalAsItIs() {
        assertThat(Json.write(new BigDecimal("1.10"))).isEqualTo("1.10");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesToWriteNonFiniteNumbers(double bad) {
        assertThatThrownBy(() -> Json.write(Map.of("metrics", List.of(1.0, bad))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON: cannot write $.metrics[1]: expected a finite number, got " + bad
                        + ". JSON has no NaN or Infinity; check the value before writing it");
        assertThatThrownBy(() -> Json.write((float) bad))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("expected a finite number");
    }

    @Test
    void refusesToWriteUnpairedSurrogates() {
        assertThatThrownBy(() -> Json.write(Map.of("k", "a\uD800")))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("cannot write $.k: string has an unpaired surrogate U+D800 at index 1");
    }

    @Test
    void refusesUnsupportedTypesAndNonStringKeys() {
        assertThatThrownBy(() -> Json.write(List.of(new Object())))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("cannot write $[0]: expected Map, Collection, float[], int[], String, Number, Boolean or null, got a java.lang.Object");
        assertThatThrownBy(() -> Json.write(Map.of(1, "x")))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("object key 1 is not a String");
    }

    @Test
    void refusesAValueThatContainsItselfWithoutStackOverflow() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);

        assertThatThrownBy(() -> Json.write(cycle))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("nesting deeper than 64 levels");
    }
}
