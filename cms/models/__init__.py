from .home import HomePage
from .notices import NoticeIndexPage, NoticeKind, NoticePage

__all__ = ["HomePage", "NoticeIndexPage", "NoticeKind", "NoticePage"]
