from django.conf.locale.it.formats import DATE_FORMAT, TIME_FORMAT

# Django's Italian date and time starts with the weekday; the date alone does not.
DATETIME_FORMAT = f"{DATE_FORMAT} {TIME_FORMAT}"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
