"""{timeline}: dated entries (single dates or ranges, `present` allowed) as a semantic list."""

from __future__ import annotations

TIMELINE = """
# CV

```{timeline}
- 2019-09 – present: Ph.D., Department of Automation, *Example University*.
- 2015-09 – 2019-06: B.S., Department of Physics, Example University.
- 2018: Best Poster Award.
- 2016 to 2017-03-15: Exchange student.
```
"""


def test_entries_as_list_with_time_elements(build) -> None:
    built = build({"index.md": TIMELINE})
    assert built.warning_lines() == []
    timeline = built.soup().select_one("ul.sr-timeline")
    assert timeline is not None
    entries = timeline.find_all("li", recursive=False)
    assert len(entries) == 4
    assert all("sr-timeline-entry" in e["class"] for e in entries)
    first_dates = [[t["datetime"] for t in e.select(".sr-date time")] for e in entries]
    assert first_dates == [["2019-09"], ["2015-09", "2019-06"], ["2018"], ["2016", "2017-03-15"]]


def test_ongoing_range_says_present(build) -> None:
    built = build({"index.md": TIMELINE})
    first = built.soup().select_one(".sr-timeline-entry")
    assert first.select_one(".sr-date").get_text() == "Sep 2019 – present"
    assert first.select_one(".sr-present").get_text() == "present"
    assert first.select_one("em").get_text() == "Example University"


def test_labels_and_bodies(build) -> None:
    built = build({"index.md": TIMELINE})
    entries = built.soup().select(".sr-timeline-entry")
    assert entries[1].select_one(".sr-date").get_text() == "Sep 2015 – Jun 2019"
    assert entries[1].select_one(".sr-timeline-body").get_text().strip() == (
        "B.S., Department of Physics, Example University."
    )
    assert entries[2].select_one(".sr-date").get_text() == "2018"


def test_timeline_in_chinese(build) -> None:
    built = build({"index.md": TIMELINE}, confoverrides={"language": "zh_CN"})
    first = built.soup().select_one(".sr-timeline-entry .sr-date")
    assert first.time.get_text() == "2019年9月"
    assert first.select_one(".sr-present").get_text() == "至今"


def test_timeline_class_and_rst(build) -> None:
    rst = """
    CV
    ==

    .. timeline::
       :class: education

       - 2019-09 – present: Ph.D.
    """
    built = build({"index.rst": rst})
    assert built.warning_lines() == []
    timeline = built.soup().select_one("ul.sr-timeline")
    assert "education" in timeline["class"]
    assert timeline.select_one("time")["datetime"] == "2019-09"


def test_bad_entries_are_left_out_with_warnings(build) -> None:
    page = """
    # CV

    ```{timeline}
    - 2020 – 2019: Backwards.
    - 2019-09 – someday: Unknown end.
    - 2019: Fine.
    ```
    """
    built = build({"index.md": page})
    lines = built.warning_lines()
    assert len(lines) == 2, lines
    assert all("[researcher.date]" in line for line in lines)
    assert "index.md:4:" in lines[0] or "index.md:4:" in lines[1]
    assert len(built.soup().select(".sr-timeline-entry")) == 1
