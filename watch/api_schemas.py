"""Shapes of /api/watch/: an analyst's own saved searches and watches."""

import datetime

from ninja import Field, Schema

from watch.models import Frequency, WatchKind


class SavedSearchOut(Schema):
    id: int
    name: str
    query: str = Field(description="检索页的网址参数（/search/?query）")
    q: str | None = Field(description="检索词；检索已无法执行时为空")
    kind: list[str]
    source: list[str]
    topic: list[str]
    date_from: datetime.date | None
    date_to: datetime.date | None
    sort: str | None
    frequency: Frequency = Field(description="邮件摘要的频率")
    created_at: datetime.datetime
    last_seen_at: datetime.datetime | None = Field(description="上次查看它的页面的时间")
    new_count: int = Field(description="上次查看以来新收录的匹配文章数")
    problem: str | None = Field(description="检索已无法执行的原因（如来源已删除）")
    url: str = Field(description="它在网站上的页面")
    search_url: str
    feed_url: str = Field(description="私人 Atom 订阅地址（含令牌，勿外传）")


class WatchOut(Schema):
    id: int
    kind: WatchKind
    name: str = Field(description="官员、机构、会议系列的名称，文件的标题，或提法")
    target_id: int | None = Field(description="所关注记录的编号；提法为空")
    phrase: str | None
    target_url: str
    frequency: Frequency
    created_at: datetime.datetime
    last_seen_at: datetime.datetime | None
    new_count: int = Field(description="上次查看以来新收录的提及文章数")
    url: str = Field(description="它在网站上的页面")
