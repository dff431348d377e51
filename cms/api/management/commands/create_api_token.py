from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from marketplace.models import Place, User

from ...models import ImportSource
from ...services import token_create


class Command(BaseCommand):
    help = "Create an API token that may import needs within one place subtree."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="e.g. 五华区 12345 热线")
        parser.add_argument("--place", required=True, help="12-digit place code (the scope)")
        parser.add_argument("--source", required=True, choices=ImportSource.values)
        parser.add_argument("--created-by", required=True, help="username of the operator")

    def handle(self, *args, name, place, source, created_by, **options):
        scope = Place.objects.filter(code=place).first()
        if scope is None:
            raise CommandError(_("没有这个地区代码：%(code)s") % {"code": place})
        operator = User.objects.filter(username=created_by).first()
        if operator is None:
            raise CommandError(_("没有这个用户：%(name)s") % {"name": created_by})
        token, raw = token_create(name=name, place=scope, source=source, created_by=operator)
        self.stdout.write(
            _("已创建令牌“%(name)s”，范围：%(place)s")
            % {"name": token.name, "place": scope.path_name}
        )
        self.stdout.write(_("令牌（只显示这一次）：%(raw)s") % {"raw": raw})
