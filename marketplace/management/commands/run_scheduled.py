import time

from django.core.management.base import BaseCommand

from marketplace.scheduling import run_all


class Command(BaseCommand):
    help = "运行定时步骤（到期开标、公示期结束、提醒）。--loop 时每隔一段时间运行一次（无消息队列时使用）。"

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true")
        parser.add_argument("--every", type=int, default=30, help="间隔秒数")

    def handle(self, *args, loop, every, **options):
        while True:
            done = run_all()
            acted = {name: n for name, n in done.items() if n}
            if acted or not loop:
                self.stdout.write(f"定时步骤：{acted or '无待办'}")
            if not loop:
                return
            time.sleep(every)
