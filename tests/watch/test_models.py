"""Saved searches and watches as rows: one target per watch, one row per person and target,
unguessable feed tokens, and the digest periods."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction

from tests.watch.conftest import GROUPS, make_user
from watch.digests import is_due, period_of
from watch.models import Frequency, SavedSearch, Watch, WatchKind, new_feed_token

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_feed_tokens_are_long_random_and_unique(analyst):
    tokens = {new_feed_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", token) for token in tokens)
    one = SavedSearch.objects.create(user=analyst, name="科技", query="q=科技")
    two = SavedSearch.objects.create(user=analyst, name="金融", query="q=金融")
    assert one.feed_token != two.feed_token and len(one.feed_token) == 43


def test_a_search_is_saved_once_per_person(analyst):
    SavedSearch.objects.create(user=analyst, name="科技", query="q=科技")
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedSearch.objects.create(user=analyst, name="又一次", query="q=科技")
    other = make_user("other", group=GROUPS.ANALYST_GROUP)
    SavedSearch.objects.create(user=other, name="科技", query="q=科技")  # someone else may


def test_a_watch_names_exactly_its_own_target(analyst):
    from articles.models import Official, Organization

    official = Official.objects.create(name="阴和俊")
    organization = Organization.objects.create(name="科学技术部")
    watch = Watch.objects.create(user=analyst, kind=WatchKind.OFFICIAL, official=official)
    assert watch.target == official and watch.target_name == "阴和俊" and str(watch) == "官员：阴和俊"
    assert Watch.objects.create(user=analyst, kind=WatchKind.FORMULATION, phrase="新质生产力").target_name == "新质生产力"
    bad = [
        {"kind": WatchKind.OFFICIAL},  # no target
        {"kind": WatchKind.OFFICIAL, "organization": organization},  # another kind's column
        {"kind": WatchKind.OFFICIAL, "official": official, "organization": organization},  # two
        {"kind": WatchKind.FORMULATION, "phrase": ""},
        {"kind": WatchKind.FORMULATION, "phrase": "科技", "official": official},
    ]
    for fields in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            Watch.objects.create(user=analyst, **fields)


def test_a_target_is_watched_once_per_person(analyst):
    from articles.models import Official

    official = Official.objects.create(name="阴和俊")
    Watch.objects.create(user=analyst, kind=WatchKind.OFFICIAL, official=official)
    with pytest.raises(IntegrityError), transaction.atomic():
        Watch.objects.create(user=analyst, kind=WatchKind.OFFICIAL, official=official, frequency=Frequency.WEEKLY)
    Watch.objects.create(user=analyst, kind=WatchKind.FORMULATION, phrase="新质生产力")
    with pytest.raises(IntegrityError), transaction.atomic():
        Watch.objects.create(user=analyst, kind=WatchKind.FORMULATION, phrase="新质生产力")


def test_watches_go_with_their_target(analyst):
    from articles.models import Official

    official = Official.objects.create(name="阴和俊")
    Watch.objects.create(user=analyst, kind=WatchKind.OFFICIAL, official=official)
    official.delete()
    assert not Watch.objects.exists()


def test_digest_periods_are_local_days_and_iso_weeks():
    # 2026-06-14 23:30 in Shanghai is a Sunday, 15:30 UTC; a minute past midnight is Monday.
    sunday = datetime.datetime(2026, 6, 14, 23, 30, tzinfo=SHANGHAI)
    monday = datetime.datetime(2026, 6, 15, 0, 1, tzinfo=SHANGHAI)
    assert period_of(Frequency.DAILY, sunday) == "2026-06-14"
    assert period_of(Frequency.DAILY, sunday.astimezone(datetime.UTC)) == "2026-06-14"
    assert period_of(Frequency.DAILY, monday) == "2026-06-15"
    assert period_of(Frequency.WEEKLY, sunday) == "2026-W24"
    assert period_of(Frequency.WEEKLY, monday) == "2026-W25"
    assert period_of(Frequency.WEEKLY, datetime.datetime(2027, 1, 1, 12, tzinfo=SHANGHAI)) == "2026-W53"


def test_what_is_due(analyst):
    now = datetime.datetime(2026, 6, 14, 9, 0, tzinfo=SHANGHAI)
    daily = SavedSearch(user=analyst, query="q=科技", frequency=Frequency.DAILY)
    weekly = SavedSearch(user=analyst, query="q=科技", frequency=Frequency.WEEKLY)
    never = SavedSearch(user=analyst, query="q=科技", frequency=Frequency.NEVER)
    assert is_due(daily, now) and is_due(weekly, now) and not is_due(never, now)
    daily.digest_period, weekly.digest_period = "2026-06-14", "2026-W24"
    assert not is_due(daily, now) and not is_due(weekly, now)
    tomorrow = now + datetime.timedelta(days=1)  # Monday: a new day and a new week
    assert is_due(daily, tomorrow) and is_due(weekly, tomorrow)
