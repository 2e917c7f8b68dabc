from datetime import UTC, datetime

import time_machine
from django.template import Context, Template

from kopbal.core.templatetags.kopbal_tags import flemish_date, flemish_datetime


@time_machine.travel(datetime(2026, 11, 27, 14, 0, tzinfo=UTC))
def test_times_the_flemish_way_in_brussels():
    # 12:30 UTC is 13:30 in Brussels in November.
    assert flemish_datetime(datetime(2026, 11, 27, 12, 30, tzinfo=UTC)) == "vandaag, 13u30"
    assert flemish_datetime(datetime(2026, 11, 26, 19, 5, tzinfo=UTC)) == "gisteren, 20u05"
    assert flemish_datetime(datetime(2026, 3, 2, 8, 0, tzinfo=UTC)) == "2 maart 2026, 9u00"
    # 23:30 UTC on the 26th is already the 27th in Brussels: "vandaag".
    assert flemish_datetime(datetime(2026, 11, 26, 23, 30, tzinfo=UTC)) == "vandaag, 0u30"
    assert flemish_date(datetime(2026, 11, 27, 9, 0, tzinfo=UTC)) == "27 november 2026"


def test_filters_in_templates():
    html = Template("{% load kopbal_tags %}{{ d|flemish_date }}").render(
        Context({"d": datetime(2026, 7, 1, 10, 0, tzinfo=UTC)})
    )
    assert html == "1 juli 2026"
