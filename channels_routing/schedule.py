from datetime import timedelta

BEAT_SCHEDULE = {
    "channels-callback-reminders": {
        "task": "channels_routing.callback_reminders",
        "schedule": timedelta(minutes=1),
    },
    "channels-email-imap": {
        "task": "channels_routing.email_poll_imap",
        "schedule": timedelta(minutes=1),
    },
    "channels-chats-abandoned": {
        "task": "channels_routing.chats_abandoned",
        "schedule": timedelta(minutes=1),
    },
}
