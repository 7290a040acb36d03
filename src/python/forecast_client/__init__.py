"""A thin, typed Python client for the Forecast gRPC service.

    from forecast_client import ForecastClient
    with ForecastClient("localhost:5080") as client:
        table = client.forecast(series, horizon=14, levels=(0.8, 0.95), kind="count")

Series go in as lists (with optional dates) or pandas Series (with a DatetimeIndex); tables come back as
pandas DataFrames when pandas is installed, else as lists of dicts with the same columns.
"""

from forecast_client.client import ForecastClient, ForecastError, Table, HAVE_PANDAS

__all__ = ["ForecastClient", "ForecastError", "Table", "HAVE_PANDAS"]
