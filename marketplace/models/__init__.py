from .document import Document
from .importjob import ImportJob, ImportStatus
from .notification import Notification
from .organisation import Organisation, OrganisationRating, OrganisationType
from .otp import OneTimeCode
from .place import Place, PlaceLevel, UrbanRural
from .project import (
    BudgetLine,
    FundingSource,
    Indicator,
    IndicatorKind,
    Project,
    ProjectDesignVersion,
    ProjectState,
)
from .signin import FailedSignIn
from .transition import TransitionRecord
from .user import Role, RoleAssignment, User

__all__ = [
    "BudgetLine",
    "Document",
    "FailedSignIn",
    "FundingSource",
    "ImportJob",
    "ImportStatus",
    "Indicator",
    "IndicatorKind",
    "Notification",
    "OneTimeCode",
    "Organisation",
    "OrganisationRating",
    "OrganisationType",
    "Place",
    "PlaceLevel",
    "Project",
    "ProjectDesignVersion",
    "ProjectState",
    "Role",
    "RoleAssignment",
    "TransitionRecord",
    "UrbanRural",
    "User",
]
