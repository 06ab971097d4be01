"""The knowledge base: articles and the entities they mention."""

from .articles import Article
from .changes import BOOKKEEPING, ContentVersion, SearchOutbox
from .choices import ArticleKind, DocumentKind, MeetingKind, Script, SourceKind
from .citations import UnresolvedCitation
from .documents import PolicyDocument, Validity
from .meetings import DatePrecision, Meeting, MeetingDocument, MeetingParticipation, MeetingSeries
from .mentions import Mention
from .officials import Official, OfficialAlias, Post
from .organizations import Organization, OrganizationAlias
from .reprints import ReprintKey
from .sources import Source
from .tallies import TalliedArticle, Tally
from .topics import Topic

__all__ = [
    "BOOKKEEPING",
    "Article",
    "ArticleKind",
    "ContentVersion",
    "DatePrecision",
    "DocumentKind",
    "Meeting",
    "MeetingDocument",
    "MeetingKind",
    "MeetingParticipation",
    "MeetingSeries",
    "Mention",
    "Official",
    "OfficialAlias",
    "Organization",
    "OrganizationAlias",
    "PolicyDocument",
    "Post",
    "ReprintKey",
    "Script",
    "SearchOutbox",
    "Source",
    "SourceKind",
    "TalliedArticle",
    "Tally",
    "Topic",
    "UnresolvedCitation",
    "Validity",
]
