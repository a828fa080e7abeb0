"""One date and time style per language (settings.FORMAT_MODULE_PATH).

Django's locales have a long and a short style ("3 december 2026" and "3-12-2026" in Dutch; in
English even "12/03/2026", which a Dutch reader takes for 12 March). We show one: the short
formats are the long ones, so any template, email or admin page reads the same. English uses
the day-month-year order of our European customers and a 24-hour clock.
"""
