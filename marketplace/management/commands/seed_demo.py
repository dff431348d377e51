from django.core.management.base import BaseCommand

from marketplace import seeding


class Command(BaseCommand):
    help = "创建演示数据（各角色演示账号、社会组织、需求、各状态项目）。可重复运行，不会重复创建。"

    def handle(self, *args, **options):
        seeding.run_all(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
