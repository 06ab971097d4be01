"""The outbox and the content version now belong to the knowledge base
(articles 0008 renamed their tables); only the search app's state forgets them."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_content_version"),
        ("articles", "0008_outbox_and_content_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SearchOutbox"),
                migrations.DeleteModel(name="ContentVersion"),
            ],
        ),
    ]
