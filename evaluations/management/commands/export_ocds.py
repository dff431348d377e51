from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from evaluations.ocds.export import write_bulk


class Command(BaseCommand):
    help = "Write every published tender's OCDS releases as one release package (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="file to write, e.g. var/ocds-releases.json")

    def handle(self, *args, path, **options):
        try:
            with open(path, "w", encoding="utf-8") as out:
                count = write_bulk(out)
        except OSError as exc:
            raise CommandError(
                _("无法写入 %(path)s：%(error)s") % {"path": path, "error": exc}
            ) from exc
        if count == 0:
            raise CommandError(_("没有可发布的采购：OCDS 发布包至少需要一条发布。"))
        self.stdout.write(_("已写入 %(count)d 条发布到 %(path)s") % {"count": count, "path": path})
