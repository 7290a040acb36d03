"""The wrapper: plain Python values in, tables out. The generated stubs (forecast/v1) do the wire work."""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import grpc
from google.protobuf import timestamp_pb2

from forecast.v1 import analysis_pb2, detection_pb2, forecast_service_pb2_grpc, forecasting_pb2, series_pb2
from google.rpc import error_details_pb2, status_pb2

try:  # pandas is optional: without it, tables are lists of dicts.
    import pandas as _pd

    HAVE_PANDAS = True
except ImportError:  # pragma: no cover - exercised by the no-pandas test
    _pd = None
    HAVE_PANDAS = False

Row = Dict[str, Any]
Table = Union["_pd.DataFrame", List[Row]]
SeriesLike = Union[Sequence[float], "_pd.Series"]
DateLike = Union[_dt.date, _dt.datetime, str]

_KINDS = {
    "level": series_pb2.SERIES_KIND_LEVEL,
    "count": series_pb2.SERIES_KIND_COUNT,
    "share": series_pb2.SERIES_KIND_SHARE,
}
_CHANGE_POINT_METHODS = {
    "pelt": detection_pb2.CHANGE_POINT_METHOD_PELT,
    "ssa": detection_pb2.CHANGE_POINT_METHOD_SSA,
    "iid": detection_pb2.CHANGE_POINT_METHOD_IID,
    "bocpd": detection_pb2.CHANGE_POINT_METHOD_BOCPD,
}
_DIRECTIONS = {
    detection_pb2.DIRECTION_UP: "up",
    detection_pb2.DIRECTION_DOWN: "down",
    detection_pb2.DIRECTION_BOTH: "both",
}


class ForecastError(Exception):
    """A call the server refused; ``code`` is the gRPC status and ``violations`` the fields at fault."""

    def __init__(self, code: grpc.StatusCode, message: str, violations: List[Tuple[str, str]]):
        details = "".join(f"\n  {field}: {description}" for field, description in violations)
        super().__init__(f"{code.name}: {message}{details}")
        self.code = code
        self.violations = violations


class ForecastClient:
    """One channel to a Forecast server. Use as a context manager, or call ``close()``."""

    def __init__(self, address: str = "localhost:5080", timeout: float = 60.0):
        # 64 MB, as the C# client: decompositions of long series exceed gRPC's 4 MB default.
        self._channel = grpc.insecure_channel(address, options=[("grpc.max_receive_message_length", 64 * 1024 * 1024)])
        self._stub = forecast_service_pb2_grpc.ForecastServiceStub(self._channel)
        self._timeout = timeout

    def __enter__(self) -> "ForecastClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._channel.close()

    @property
    def stub(self) -> forecast_service_pb2_grpc.ForecastServiceStub:
        """The generated stub, for anything the wrapper does not cover (ForecastBatch, Monitor)."""
        return self._stub

    def forecast(
        self,
        values: SeriesLike,
        horizon: int,
        *,
        dates: Optional[Sequence[DateLike]] = None,
        levels: Sequence[float] = (0.95,),
        kind: str = "level",
        name: str = "",
        seasonal_period: int = 0,
    ) -> Table:
        """Point forecasts with one lower/upper column pair per level: ``step, date, forecast, lower_80, upper_80, ...``."""
        request = forecasting_pb2.ForecastRequest(
            series=to_series(values, dates=dates, kind=kind, name=name, seasonal_period=seasonal_period),
            horizon=horizon,
            confidence_levels=list(levels),
        )
        response = self._call(self._stub.Forecast, request)
        rows = []
        for i, value in enumerate(response.values):
            row: Row = {"step": i + 1, "date": _date_at(response.timestamps, i), "forecast": value}
            for band in response.intervals:
                suffix = _level_suffix(band.level)
                row[f"lower_{suffix}"] = band.lower[i]
                row[f"upper_{suffix}"] = band.upper[i]
            rows.append(row)
        return _table(rows)

    def trend(self, values: SeriesLike, *, dates: Optional[Sequence[DateLike]] = None, kind: str = "level", level: float = 0.95) -> Table:
        """The smoothed history (SSA reconstruction) with its band and an ``outlier`` flag per observation."""
        series = to_series(values, dates=dates, kind=kind)
        request = forecasting_pb2.ForecastRequest(series=series, horizon=1, confidence_levels=[level])
        response = self._call(self._stub.Forecast, request)
        outliers = {o.index for o in response.outliers}
        band = response.trend.bands[0] if response.trend.bands else None
        rows = []
        for i, value in enumerate(series.values):
            rows.append({
                "index": i,
                "date": _series_date(series, i),
                "value": value,
                "trend": response.trend.values[i] if i < len(response.trend.values) else math.nan,
                "lower": band.lower[i] if band else math.nan,
                "upper": band.upper[i] if band else math.nan,
                "outlier": i in outliers,
            })
        return _table(rows)

    def detect_change_points(
        self,
        values: SeriesLike,
        *,
        dates: Optional[Sequence[DateLike]] = None,
        kind: str = "level",
        method: str = "pelt",
        confidence: float = 0.0,
    ) -> Table:
        """One row per change point: ``index, date, direction, confidence, level_before, level_after``."""
        series = to_series(values, dates=dates, kind=kind)
        request = detection_pb2.DetectChangePointsRequest(
            series=series, method=_CHANGE_POINT_METHODS[method], confidence=confidence)
        response = self._call(self._stub.DetectChangePoints, request)
        return _table([
            {
                "index": p.index,
                "date": _timestamp(p.timestamp) if p.HasField("timestamp") else _series_date(series, p.index),
                "direction": _DIRECTIONS.get(p.direction, ""),
                "confidence": p.confidence,
                "level_before": p.level_before,
                "level_after": p.level_after,
            }
            for p in response.change_points
        ], columns=["index", "date", "direction", "confidence", "level_before", "level_after"])

    def detect_spikes(
        self,
        values: SeriesLike,
        *,
        dates: Optional[Sequence[DateLike]] = None,
        kind: str = "level",
        confidence: float = 0.0,
    ) -> Table:
        """One row per spike: ``index, date, value, expected, lower, upper, p_value, severity, direction``."""
        series = to_series(values, dates=dates, kind=kind)
        request = detection_pb2.DetectSpikesRequest(series=series, confidence=confidence)
        response = self._call(self._stub.DetectSpikes, request)
        return _table([
            {
                "index": s.index,
                "date": _timestamp(s.timestamp) if s.HasField("timestamp") else _series_date(series, s.index),
                "value": s.value,
                "expected": s.expected,
                "lower": s.lower,
                "upper": s.upper,
                "p_value": s.p_value,
                "severity": s.severity,
                "direction": _DIRECTIONS.get(s.direction, ""),
            }
            for s in response.spikes
        ], columns=["index", "date", "value", "expected", "lower", "upper", "p_value", "severity", "direction"])

    def decompose(self, values: SeriesLike, *, dates: Optional[Sequence[DateLike]] = None, window_length: int = 0) -> Table:
        """Per observation: ``date, value, component_0, component_1, ...`` (the leading elementary components), plus
        ``trend, seasonal, residual`` when the server sends the grouped reconstruction."""
        series = to_series(values, dates=dates)
        response = self._call(self._stub.Decompose, analysis_pb2.DecomposeRequest(series=series, window_length=window_length))
        grouped = {name: list(getattr(response, name)) for name in ("trend", "seasonal", "residual")}
        rows = []
        for i, value in enumerate(series.values):
            row: Row = {"date": _series_date(series, i), "value": value}
            for component in response.components:
                row[f"component_{component.index}"] = component.values[i] if i < len(component.values) else math.nan
            for name, column in grouped.items():
                if column:
                    row[name] = column[i]
            rows.append(row)
        return _table(rows)

    def backtest(self, values: SeriesLike, horizon: int, *, dates: Optional[Sequence[DateLike]] = None, kind: str = "level") -> Table:
        """One row per rolling origin: ``origin, smape, mase, mae, rmse``; the server's average is the last row (origin -1)."""
        request = analysis_pb2.BacktestRequest(series=to_series(values, dates=dates, kind=kind), horizon=horizon)
        response = self._call(self._stub.Backtest, request)
        rows = [_accuracy_row(o.origin, o.accuracy) for o in response.origins]
        rows.append(_accuracy_row(-1, response.summary))
        return _table(rows)

    def _call(self, method: Any, request: Any) -> Any:
        try:
            return method(request, timeout=self._timeout)
        except grpc.RpcError as error:  # a grpc.Call too: code(), details(), trailing_metadata()
            raise ForecastError(error.code(), error.details() or "", _violations(error)) from None


def to_series(
    values: SeriesLike,
    *,
    dates: Optional[Sequence[DateLike]] = None,
    kind: str = "level",
    name: str = "",
    seasonal_period: int = 0,
) -> series_pb2.Series:
    """The wire series from a list (NaN or None = missing) or a pandas Series; dates from ``dates`` or a DatetimeIndex.

    Evenly spaced dates are sent as start + interval; others as explicit timestamps."""
    if _pd is not None and isinstance(values, _pd.Series):
        if dates is None and isinstance(values.index, _pd.DatetimeIndex):
            dates = list(values.index.to_pydatetime())
        name = name or (str(values.name) if values.name is not None else "")
        values = values.tolist()
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {sorted(_KINDS)}; got {kind!r}")
    series = series_pb2.Series(
        name=name,
        values=[math.nan if v is None else float(v) for v in values],
        kind=_KINDS[kind],
        seasonal_period=seasonal_period,
    )
    if dates is not None:
        times = [_to_datetime(d) for d in dates]
        if len(times) != len(series.values):
            raise ValueError(f"dates has {len(times)} entries but values has {len(series.values)}")
        steps = {b - a for a, b in zip(times, times[1:])}
        if len(steps) == 1 and next(iter(steps)) > _dt.timedelta(0):
            series.start.FromDatetime(times[0])
            series.interval.FromTimedelta(next(iter(steps)))
        else:
            for t in times:
                series.timestamps.add().FromDatetime(t)
    return series


def _to_datetime(value: DateLike) -> _dt.datetime:
    if isinstance(value, str):
        value = _dt.datetime.fromisoformat(value)
    if not isinstance(value, _dt.datetime):
        value = _dt.datetime(value.year, value.month, value.day)
    # Protobuf timestamps are UTC; naive datetimes (as CSV dates parse) are taken as UTC.
    return value.astimezone(_dt.timezone.utc).replace(tzinfo=None) if value.tzinfo else value


def _timestamp(timestamp: timestamp_pb2.Timestamp) -> _dt.datetime:
    return timestamp.ToDatetime()


def _date_at(timestamps: Sequence[timestamp_pb2.Timestamp], i: int) -> Optional[_dt.datetime]:
    return timestamps[i].ToDatetime() if i < len(timestamps) else None


def _series_date(series: series_pb2.Series, i: int) -> Optional[_dt.datetime]:
    if series.HasField("start") and series.HasField("interval"):
        return series.start.ToDatetime() + i * series.interval.ToTimedelta()
    return series.timestamps[i].ToDatetime() if i < len(series.timestamps) else None


def _level_suffix(level: float) -> str:
    return f"{level * 100:g}".replace(".", "_")


def _accuracy_row(origin: int, accuracy: analysis_pb2.Accuracy) -> Row:
    row: Row = {"origin": origin, "smape": accuracy.smape, "mase": accuracy.mase, "mae": accuracy.mae, "rmse": accuracy.rmse}
    for score in accuracy.intervals:
        row[f"coverage_{_level_suffix(score.level)}"] = score.coverage
    return row


def _violations(error: Any) -> List[Tuple[str, str]]:
    """Field violations from the google.rpc.Status detail (grpc-status-details-bin), when the server sent one."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    bad_request = error_details_pb2.BadRequest()
                    detail.Unpack(bad_request)
                    return [(v.field, v.description) for v in bad_request.field_violations]
    return []


def _table(rows: List[Row], columns: Optional[List[str]] = None) -> Table:
    if _pd is None:
        return rows
    return _pd.DataFrame(rows, columns=columns) if columns is not None else _pd.DataFrame(rows)
