"""Reader views that are not Wagtail pages: the archive and author pages."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kopbal.core.pagecache import mark_cacheable

from .models import ArticlePage, Author


def archive(request: HttpRequest) -> HttpResponse:
    """`Meer sportnieuws`: every article, newest first, paginated."""
    mark_cacheable(request, {"articles"})
    articles = ArticlePage.objects.published().for_listing()
    page_obj = Paginator(articles, settings.KOPBAL_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "news/archive.html", {"page_obj": page_obj})


def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author, slug=slug)
    mark_cacheable(request, {"articles", f"author-{author.pk}"})
    articles = ArticlePage.objects.published().filter(article_authors__author=author).for_listing()
    page_obj = Paginator(articles, settings.KOPBAL_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "news/author.html", {"author": author, "page_obj": page_obj})
