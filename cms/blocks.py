"""The one StreamBlock editors write with (bakerydemo's base/blocks.py pattern): typed blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题"), max_length=100)
    size = blocks.ChoiceBlock(
        label=_("级别"), choices=[("h2", _("二级标题")), ("h3", _("三级标题"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("图片说明"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "cms/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    attribution = blocks.CharBlock(label=_("出处"), required=False, max_length=100)

    class Meta:
        icon = "openquote"
        label = _("引用")
        template = "cms/blocks/quote.html"


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("数字"), max_length=30)
    label = blocks.CharBlock(label=_("说明"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("数字")
        template = "cms/blocks/figure.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(label=_("显示名称"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("附件")
        template = "cms/blocks/attachment.html"


class ContentBlock(blocks.StreamBlock):
    """Editor text on every CMS page: paragraphs, headings, images, quotes, figures, files."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("段落"), features=["bold", "italic", "link", "ol", "ul"], icon="pilcrow"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    figure = FigureBlock()
    attachment = AttachmentBlock()

    class Meta:
        label = _("正文")
