from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from marketplace.devlogin import MAX_AGE, make_link


class Command(BaseCommand):
    help = (
        "打印一个开发用登录链接（仅 DEBUG、仅本机、两分钟内有效），"
        "用于以某个用户身份截图：scripts/screenshot --as 用户名。"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("path", help="登录后打开的页面路径，例如 /my/")

    def handle(self, *args, username, path, **options):
        if not settings.DEBUG:
            raise CommandError("仅在 DEBUG 开启的开发环境中可用。")
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"没有用户名为 {username} 的有效用户。")
        try:
            link = make_link(user, path)
        except ValueError as exc:
            raise CommandError("路径须以 / 开头，例如 /my/。") from exc
        self.stdout.write(link)
        self.stderr.write(f"（{MAX_AGE} 秒内有效）")
