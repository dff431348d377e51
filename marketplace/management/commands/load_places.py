from pathlib import Path

from django.core.management.base import BaseCommand

from marketplace.services.places import YUNNAN_CSV, places_load


class Command(BaseCommand):
    help = "载入行政区划（默认：云南省全部统计用区划代码）。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=YUNNAN_CSV)

    def handle(self, *args, path, **options):
        created = places_load(path=path)
        self.stdout.write(f"新增行政区划 {created} 个。")
