"""Consultation participants by kind (居民 / 社区工作者 / 社会组织 / 其他).

The old free-text `participants` becomes rows of kind OTHER (the text gives no kinds to
trust): split on 、，,；; and line breaks when every piece is short, else one row with the
text cut to the name's length. Then the text field goes; reversing joins the rows again.
"""

import re

import django.db.models.deletion
from django.db import migrations, models

NAME_LENGTH = 100
_SEPARATORS = re.compile(r"[、，,；;\n\r]+")
_SHORT = 30  # a piece longer than this is a sentence, not a name: keep the text whole


def _cut(text: str) -> str:
    return text if len(text) <= NAME_LENGTH else text[: NAME_LENGTH - 1] + "…"


def split_participants(text: str) -> list[str]:
    """The names in an old free-text participants field (pure: tested directly)."""
    text = (text or "").strip()
    if not text:
        return []
    pieces = [p.strip() for p in _SEPARATORS.split(text) if p.strip()]
    if all(len(p) <= _SHORT for p in pieces):
        return pieces
    return [_cut(" ".join(text.split()))]


def forward(apps, schema_editor):
    Consultation = apps.get_model("needs", "Consultation")
    Participant = apps.get_model("needs", "ConsultationParticipant")
    rows = Consultation.objects.order_by("pk").values_list("pk", "participants_text")
    batch = []
    for pk, text in rows.iterator(chunk_size=2000):
        batch += [
            Participant(consultation_id=pk, kind="other", name=name)
            for name in split_participants(text)
        ]
        if len(batch) >= 2000:
            Participant.objects.bulk_create(batch)
            batch = []
    Participant.objects.bulk_create(batch)


def backward(apps, schema_editor):
    Consultation = apps.get_model("needs", "Consultation")
    Participant = apps.get_model("needs", "ConsultationParticipant")
    names: dict[int, list[str]] = {}
    for pk, name, role in Participant.objects.order_by("pk").values_list(
        "consultation_id", "name", "role"
    ):
        names.setdefault(pk, []).append(f"{name}（{role}）" if role else name)
    for pk, parts in names.items():
        Consultation.objects.filter(pk=pk).update(participants_text="、".join(parts))


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0004_import_job"),
        ("needs", "0002_need_out_of_scope"),
    ]

    operations = [
        # Renamed first so that the new rows' reverse accessor `participants` never meets it.
        migrations.RenameField("consultation", "participants", "participants_text"),
        migrations.AlterField(
            model_name="consultation",
            name="participants_text",
            field=models.TextField(blank=True, default="", verbose_name="参加人员"),
        ),
        migrations.CreateModel(
            name="ConsultationParticipant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("resident", "居民"),
                            ("staff", "社区工作者"),
                            ("organisation", "社会组织"),
                            ("other", "其他"),
                        ],
                        max_length=20,
                        verbose_name="类别",
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=100, verbose_name="姓名/名称")),
                (
                    "role",
                    models.CharField(
                        blank=True,
                        help_text="如居民代表、楼栋长。",
                        max_length=100,
                        verbose_name="身份/角色",
                    ),
                ),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="needs.consultation",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="marketplace.organisation",
                        verbose_name="社会组织",
                    ),
                ),
            ],
            options={
                "verbose_name": "协商参加人员",
                "verbose_name_plural": "协商参加人员",
                "ordering": ["pk"],
            },
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="consultation", name="participants_text"),
    ]
