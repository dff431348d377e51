from .cases import CaseIndexPage, CasePage
from .home import HomePage
from .notices import NoticeIndexPage, NoticeKind, NoticePage
from .policies import PolicyIndexPage, PolicyPage

__all__ = [
    "CaseIndexPage",
    "CasePage",
    "HomePage",
    "NoticeIndexPage",
    "NoticeKind",
    "NoticePage",
    "PolicyIndexPage",
    "PolicyPage",
]
