from django.core.management.base import BaseCommand

from tenders.steps import close_publicity, open_due_tenders


class Command(BaseCommand):
    help = "对投标截止时间已到的采购项目开标（可重复运行），并结束到期的中标公示。"

    def handle(self, *args, **options):
        opened = open_due_tenders()
        awarded = close_publicity()
        self.stdout.write(f"开标 {opened} 个；公示期满定标 {awarded} 个。")
