"""The outbox and the content version move from the search app to the knowledge base, which
records its own changes. The tables are renamed, their rows kept."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0007_article_date_unknown"),
        ("search", "0002_content_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE search_searchoutbox RENAME TO articles_searchoutbox",
                    "ALTER TABLE articles_searchoutbox RENAME TO search_searchoutbox",
                ),
                migrations.RunSQL(
                    "ALTER TABLE search_contentversion RENAME TO articles_contentversion",
                    "ALTER TABLE articles_contentversion RENAME TO search_contentversion",
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="SearchOutbox",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("model_label", models.CharField(help_text="如 articles.article", max_length=100, verbose_name="模型")),
                        ("object_pk", models.CharField(max_length=64, verbose_name="主键")),
                        ("action", models.CharField(choices=[("update", "更新"), ("delete", "删除")], default="update", max_length=10, verbose_name="操作")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="记录时间")),
                    ],
                    options={"verbose_name": "索引待办", "verbose_name_plural": "索引待办", "ordering": ["id"]},
                ),
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("counter", models.BigIntegerField(default=0, verbose_name="版本")),
                    ],
                    options={"verbose_name": "内容版本", "verbose_name_plural": "内容版本"},
                ),
            ],
        ),
    ]
