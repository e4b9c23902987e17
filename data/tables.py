#!/usr/bin/python3
"""Writes data/iris.csv and data/wine.csv from the copies of the UCI datasets that Debian's
python3-sklearn ships (sklearn/datasets/data/), with a header row and the label last.

    apt-get install -y python3-sklearn && /usr/bin/python3 data/tables.py
"""
import csv
import os

SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
HERE = os.path.dirname(os.path.abspath(__file__))

IRIS = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"]
WINE = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
        "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315", "proline", "cultivar"]


def convert(source, target, header, label):
    with open(os.path.join(SOURCE, source), newline="") as f:
        rows = list(csv.reader(f))
    count, features = int(rows[0][0]), int(rows[0][1])
    names = rows[0][2:]
    body = rows[1:]
    assert len(body) == count and all(len(r) == features + 1 for r in body)
    with open(os.path.join(HERE, target), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for r in body:
            out.writerow(r[:features] + [label(names, int(r[features]))])


convert("iris.csv", "iris.csv", IRIS, lambda names, c: names[c])
# UCI numbers the three cultivars 1, 2, 3; sklearn 0, 1, 2.
convert("wine_data.csv", "wine.csv", WINE, lambda names, c: str(c + 1))
