"""Server-side SVG bar charts that read without colour: every bar has its label and value
written next to it, and bars are told apart by hatching, not hue."""

from dataclasses import dataclass, field

from django.utils import formats

WIDTH = 400
BAR_MAX = 300
ROW = 42
PATTERNS = ["hatch", "dots", "cross", "solid", "lines"]


@dataclass
class Bar:
    label: str
    value: float
    display: str
    width: float
    y: int
    pattern: str

    @property
    def label_y(self) -> int:
        return self.y + 13

    @property
    def bar_y(self) -> int:
        return self.y + 18

    @property
    def value_x(self) -> float:
        return self.width + 6

    @property
    def value_y(self) -> int:
        return self.y + 32

    # Right to left (Arabic): the chart is mirrored, bars grow from the right edge and each
    # text starts at its right end (SVG text inherits the page's direction).
    @property
    def bar_x_rtl(self) -> float:
        return round(WIDTH - self.width, 1)

    @property
    def value_x_rtl(self) -> float:
        return round(WIDTH - self.value_x, 1)


@dataclass
class Chart:
    key: str
    title: str
    bars: list[Bar] = field(default_factory=list)

    @property
    def height(self) -> int:
        return max(ROW * len(self.bars), ROW)

    @property
    def width(self) -> int:
        return WIDTH


def bar_chart(
    key: str, title: str, points: list[tuple[str, float | None]], *, unit: str = ""
) -> Chart | None:
    """One horizontal bar per point; points without a value are left out of the chart
    (the table still lists them)."""
    present = [(label, value) for label, value in points if value is not None]
    if not present:
        return None
    top = max(value for _, value in present) or 1
    bars = []
    # The value with the reader's decimal separator, as the table beside the chart shows it.
    decimal = str(formats.get_format("DECIMAL_SEPARATOR"))
    for index, (label, value) in enumerate(present):
        shown = f"{value:g}".replace(".", decimal) + unit
        bars.append(
            Bar(
                label=label[:48],
                value=value,
                display=shown,
                width=round(max(value, 0) / top * BAR_MAX, 1),
                y=index * ROW,
                pattern=PATTERNS[index % len(PATTERNS)],
            )
        )
    return Chart(key=key, title=title, bars=bars)
