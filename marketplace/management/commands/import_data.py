"""Operators: check (default) or import (--commit) a CSV/xlsx file with a registered importer."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.imports import registry, running
from marketplace.imports.reading import FileInvalid, read_table
from marketplace.models import User


class Command(BaseCommand):
    help = "检查或导入 CSV / Excel 文件：import_data <类型> <文件> [--commit] [--user 用户名]"

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"one of: {', '.join(registry.kinds())}")
        parser.add_argument("file", type=Path)
        parser.add_argument("--commit", action="store_true", help="write (default: dry run)")
        parser.add_argument(
            "--user", help="username to import as (its scope applies; required for needs)"
        )

    def handle(self, *args, kind, file, commit, user, **options):
        if kind not in registry.kinds():
            raise CommandError(f"未知的导入类型 {kind}，可用：{', '.join(registry.kinds())}")
        importer = registry.get(kind)
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"用户 {user} 不存在。")
            if not importer.may_import(actor):
                raise CommandError(f"用户 {user} 没有导入{importer.label}的权限。")
        if not file.exists():
            raise CommandError(f"文件 {file} 不存在。")
        try:
            table = read_table(file.read_bytes(), file.name, importer.columns)
        except FileInvalid as exc:
            raise CommandError(exc.message) from None
        report = (running.commit if commit else running.check)(importer, table, actor)
        for e in report.errors:
            self.stdout.write(f"第 {e['row']} 行 [{e['column'] or '—'}] {e['message']}")
        if not report.ok:
            raise CommandError(f"共 {report.error_count} 处错误，未导入任何数据。")
        if commit:
            self.stdout.write(self.style.SUCCESS(f"已导入 {report.created} 条。"))
        else:
            self.stdout.write(f"{report.total} 行全部检查通过（未写入；加 --commit 导入）。")
