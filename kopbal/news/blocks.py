"""The blocks an article body is made of. Each renders through components/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from kopbal.polls.blocks import PollChooserBlock


class SubheadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Tussentitel")
        template = "components/blocks/subheading.html"


class QuoteBlock(blocks.StructBlock):
    """A quote with its source kept as data: who said it, and in which medium."""

    text = blocks.TextBlock(label=_("Citaat"))
    speaker = blocks.CharBlock(label=_("Wie"), required=False, max_length=120)
    medium = blocks.CharBlock(
        label=_("In welk medium"),
        required=False,
        max_length=120,
        help_text=_("Bijvoorbeeld La Dernière Heure. Leeg als het citaat van ons is."),
    )

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "components/blocks/quote.html"


class ReadAlsoBlock(blocks.StructBlock):
    """`LEES OOK: <headline>`: renders nothing when the target is gone or not live."""

    page = blocks.PageChooserBlock(page_type="news.ArticlePage", label=_("Artikel"))

    class Meta:
        icon = "link"
        label = _("Lees ook")
        template = "components/blocks/read_also.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Fotograaf / bron"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "components/blocks/image.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraaf"),
        features=["bold", "italic", "link", "ol", "ul"],
        template="components/blocks/paragraph.html",
    )
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    read_also = ReadAlsoBlock()
    image = ImageBlock()
    poll = PollChooserBlock()
