"""Vocabularies shared by several models."""

from django.db import models


class Script(models.TextChoices):
    SIMPLIFIED = "simplified", "简体"
    TRADITIONAL = "traditional", "繁体"


class SourceKind(models.TextChoices):
    NEWSPAPER = "newspaper", "报纸"
    AGENCY = "agency", "通讯社"
    WEB = "web", "网站/客户端"
    BROADCAST = "broadcast", "广播电视"
    GOVERNMENT = "government", "政府发布"


class ArticleKind(models.TextChoices):
    NEWS = "news", "消息"
    FEATURE = "feature", "通讯/综述"
    INTERVIEW = "interview", "访谈"
    CAPTION = "caption", "图片说明"
    NOTICE = "notice", "公告/简讯"
    CONTINUATION = "continuation", "转版续文"


class DocumentKind(models.TextChoices):
    LAW = "法", "法律"
    REGULATION = "条例", "条例"
    MEASURES = "办法", "办法"
    OPINION = "意见", "意见"
    NOTICE = "通知", "通知"
    PLAN = "方案", "方案"
    PROGRAMME = "规划", "规划"
    ACTION_PLAN = "计划", "计划"
    INITIATIVE = "倡议", "倡议"
    DECLARATION = "宣言", "宣言"
    MEASURES_LIST = "举措", "措施/举措"
    REPORT = "报告", "报告"
    OTHER = "其他", "其他"


class MeetingKind(models.TextChoices):
    WORK_CONFERENCE = "work_conference", "工作会议"
    PLENARY = "plenary", "全体会议/全会"
    STUDY_SESSION = "study_session", "集体学习"
    PRESS_CONFERENCE = "press_conference", "新闻发布会"
    SYMPOSIUM = "symposium", "座谈会/研讨班"
    CONGRESS = "congress", "大会"
    OTHER = "other", "其他"
