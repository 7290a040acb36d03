"""Offline tests of the wrapper's conversions (no server): run with /usr/bin/python3 -m unittest discover src/python/tests."""

import datetime as dt
import math
import os
import sys
import unittest
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from forecast.v1 import series_pb2  # noqa: E402
from forecast_client import client  # noqa: E402


class ToSeriesTests(unittest.TestCase):
    def test_daily_dates_become_start_and_interval(self):
        series = client.to_series([1, 2, 3], dates=["2024-01-01", "2024-01-02", "2024-01-03"], kind="count", name="x")

        self.assertEqual(series.kind, series_pb2.SERIES_KIND_COUNT)
        self.assertEqual(series.start.ToDatetime(), dt.datetime(2024, 1, 1))
        self.assertEqual(series.interval.ToTimedelta(), dt.timedelta(days=1))
        self.assertEqual(len(series.timestamps), 0)

    def test_uneven_dates_become_timestamps(self):
        dates = [dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 2), dt.datetime(2024, 1, 5)]

        series = client.to_series([1, 2, 3], dates=dates)

        self.assertFalse(series.HasField("start"))
        self.assertEqual([t.ToDatetime() for t in series.timestamps], dates)

    def test_none_is_missing(self):
        series = client.to_series([1, None, 3])

        self.assertTrue(math.isnan(series.values[1]))

    def test_mismatched_dates_are_refused(self):
        with self.assertRaises(ValueError):
            client.to_series([1, 2], dates=["2024-01-01"])

    def test_unknown_kind_is_refused(self):
        with self.assertRaises(ValueError):
            client.to_series([1, 2], kind="ratio")

    @unittest.skipUnless(client.HAVE_PANDAS, "pandas is not installed")
    def test_pandas_series_brings_its_dates_and_name(self):
        import pandas as pd

        values = pd.Series([5.0, 6.0], index=pd.to_datetime(["2024-03-01", "2024-03-02"]), name="launched")

        series = client.to_series(values)

        self.assertEqual(series.name, "launched")
        self.assertEqual(series.start.ToDatetime(), dt.datetime(2024, 3, 1))


class TableTests(unittest.TestCase):
    def test_without_pandas_tables_are_lists_of_dicts(self):
        with mock.patch.object(client, "_pd", None):
            table = client._table([{"a": 1}])

        self.assertEqual(table, [{"a": 1}])

    @unittest.skipUnless(client.HAVE_PANDAS, "pandas is not installed")
    def test_with_pandas_tables_are_dataframes(self):
        table = client._table([{"a": 1, "b": 2.0}])

        self.assertEqual(list(table.columns), ["a", "b"])

    def test_level_suffix_names_columns(self):
        self.assertEqual(client._level_suffix(0.8), "80")
        self.assertEqual(client._level_suffix(0.975), "97_5")


if __name__ == "__main__":
    unittest.main()
