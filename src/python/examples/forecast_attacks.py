#!/usr/bin/env python3
"""Forecast the next two weeks of Shahed drone launches and list the change points of the history.

    python3 src/python/examples/forecast_attacks.py --server localhost:5080

Reads ../shared/data/ukraine/attacks_daily_totals.csv (one row per day) with pandas when it is installed,
else with the csv module; the client takes either.
"""

import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from forecast_client import HAVE_PANDAS, ForecastClient  # noqa: E402

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
DEFAULT_CSV = os.path.join(REPO, "..", "shared", "data", "ukraine", "attacks_daily_totals.csv")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="localhost:5080", help="gRPC address host:port")
    parser.add_argument("--csv", default=DEFAULT_CSV)
    parser.add_argument("--column", default="launched_shahed")
    parser.add_argument("--horizon", type=int, default=14)
    args = parser.parse_args()

    if HAVE_PANDAS:
        import pandas as pd

        history = pd.read_csv(args.csv, parse_dates=["date"], index_col="date")[args.column]
        values, dates = history, None  # a pandas Series with a DatetimeIndex carries its own dates
    else:
        with open(args.csv, newline="") as f:
            rows = list(csv.DictReader(f))
        values = [float(r[args.column]) for r in rows]
        dates = [r["date"] for r in rows]

    with ForecastClient(args.server) as client:
        forecast = client.forecast(values, args.horizon, dates=dates, levels=(0.8, 0.95), kind="count", name=args.column)
        changes = client.detect_change_points(values, dates=dates, kind="count")

    print(f"forecast of {args.column}, next {args.horizon} days:")
    print_table(forecast, ["date", "forecast", "lower_80", "upper_80", "lower_95", "upper_95"])
    print(f"change points: {len(changes)}")
    print_table(changes, ["date", "direction", "confidence", "level_before", "level_after"])
    return 0


def print_table(table, columns) -> None:
    """Prints a DataFrame or a list of dicts the same way."""
    rows = table.to_dict("records") if HAVE_PANDAS else table
    print("  ".join(f"{c:>12}" for c in columns))
    for row in rows:
        print("  ".join(f"{format_cell(row[c]):>12}" for c in columns))


def format_cell(value) -> str:
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return f"{value:.1f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    sys.exit(main())
