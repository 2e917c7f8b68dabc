import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Maakt een beheerder aan als er geen is, en toont de login."

    def handle(self, *args, **options):
        login_file = settings.VAR_DIR / "admin-login.txt"
        User = get_user_model()
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@localhost", password)
            login_file.parent.mkdir(parents=True, exist_ok=True)
            login_file.write_text(f"admin\n{password}\n")
            login_file.chmod(0o600)
        admin_url = f"http://{os.environ.get('KOPBAL_BIND', '127.0.0.1:8000')}/admin/"
        if login_file.exists():
            username, password = login_file.read_text().split()[:2]
            self.stdout.write(f"Beheer: {admin_url}  login: {username}  wachtwoord: {password}")
        else:
            self.stdout.write(f"Beheer: {admin_url} (bestaande beheerder)")
