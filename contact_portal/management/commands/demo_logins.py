from django.core.management.base import BaseCommand

from contact_portal.demo import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write("Need Help is starting on http://127.0.0.1:8000")
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for email, role, _name in DEMO_LOGINS:
            self.stdout.write(f"  {role:<9} {email}")
        self.stdout.write("")
