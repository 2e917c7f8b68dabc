"""Everything that changes comments, likes, reports and bans. Each action runs in one
transaction, checks the rules itself (views only parse and render), writes the audit log
and announces the change after commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from .choices import CommentStatus, ModerationActionType, ReportReason
from .models import Ban, Comment, CommentLike, CommentReport, ModerationLog
from .rules import (
    MAX_LENGTH,
    clean_body,
    closed_reason,
    current_rules,
    hold_reasons,
    is_trusted,
)
from .signals import comments_changed


class CommentError(Exception):
    """A refusal with a Dutch message for the reader and the HTTP status that fits it."""

    status = 400

    def __init__(self, message: str, status: int | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.field = field


class Banned(CommentError):
    status = 403

    def __init__(self, ban: Ban):
        super().__init__(ban_message(ban))
        self.ban = ban


def ban_message(ban: Ban) -> str:
    if ban.expires_at:
        until = date_format(timezone.localtime(ban.expires_at), "j F Y, H:i")
        return _(
            "Je bent geblokkeerd tot %(until)s en kan niet reageren, liken of melden. "
            "Reden: %(reason)s"
        ) % {"until": until, "reason": ban.reason}
    return _("Je bent geblokkeerd en kan niet reageren, liken of melden. Reden: %(reason)s") % {
        "reason": ban.reason
    }


def active_ban(user) -> Ban | None:
    if not user.is_authenticated:
        return None
    return Ban.objects.active().filter(user=user).order_by("-created_at").first()


def _check_not_banned(user) -> None:
    ban = active_ban(user)
    if ban is not None:
        raise Banned(ban)


def _announce(page_ids: Iterable[int]) -> None:
    ids = set(page_ids)
    if ids:
        transaction.on_commit(lambda: comments_changed.send(sender=Comment, page_ids=ids))


def _log(
    action: str, *, moderator=None, comment: Comment | None = None, user=None, reason: str = ""
) -> ModerationLog:
    return ModerationLog.objects.create(
        action=action,
        moderator=moderator,
        comment=comment,
        target_user=user if user is not None else (comment.author if comment else None),
        reason=reason,
        excerpt=(comment.body[:200] if comment else ""),
    )


def validate_body(raw: str) -> str:
    """The cleaned text, or a CommentError for an empty or too long one."""
    body = clean_body(raw or "")
    if not body:
        raise CommentError(_("Je reactie is leeg."), field="body")
    if len(body) > MAX_LENGTH:
        raise CommentError(
            _("Je reactie is %(length)d tekens lang; er mogen er hoogstens %(max)d zijn.")
            % {"length": len(body), "max": MAX_LENGTH},
            field="body",
        )
    return body


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


# --- readers --------------------------------------------------------------------------


def do_post_comment(
    *, user, page, body: str, parent: Comment | None = None, ip_hash: str = ""
) -> Comment:
    """Post a comment or a reply. It is visible at once, or held for a moderator when a
    pre-moderation rule says so (the reason is stored on the comment and in the log)."""
    body = validate_body(body)
    with transaction.atomic():
        # One reader's posts go one at a time: the duplicate and new-reader checks below
        # would otherwise race between two tabs or a double click.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        _check_not_banned(user)
        rules = current_rules()
        closed = closed_reason(page, rules)
        if closed:
            raise CommentError(closed, status=403)
        if parent is not None:
            if parent.page_id != page.pk:
                raise CommentError(_("Die reactie hoort niet bij dit artikel."))
            if parent.status != CommentStatus.VISIBLE:
                raise CommentError(_("Op deze reactie kan je niet meer antwoorden."), status=409)
        last = (
            Comment.objects.filter(author=user)
            .exclude(status=CommentStatus.DELETED)
            .order_by("-created_at", "-pk")
            .only("body")
            .first()
        )
        if last is not None and _same_text(last.body, body):
            raise CommentError(
                _("Je plaatste net dezelfde reactie. Schrijf eens iets nieuws."), field="body"
            )
        approved = 0
        if rules.premoderate_first and not is_trusted(user):
            approved = Comment.objects.filter(author=user, status=CommentStatus.VISIBLE).count()
        else:
            approved = rules.premoderate_first
        reasons = hold_reasons(
            user=user, page=page, body=body, approved_count=approved, rules=rules
        )
        comment = Comment.objects.create(
            page_id=page.pk,
            author=user,
            parent=parent,
            root_id=(parent.root_id or parent.pk) if parent else None,
            depth=(parent.depth + 1) if parent else 0,
            body=body,
            status=CommentStatus.PENDING if reasons else CommentStatus.VISIBLE,
            held_reason="; ".join(reasons)[:200],
            ip_hash=ip_hash,
        )
        if reasons:
            _log(ModerationActionType.HOLD, comment=comment, reason="; ".join(reasons))
        _announce([page.pk])
    return comment


def can_edit(user, comment: Comment, now=None) -> bool:
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.status in (CommentStatus.VISIBLE, CommentStatus.PENDING)
        and (now or timezone.now()) < comment.editable_until()
    )


def do_edit_comment(*, user, comment: Comment, body: str) -> Comment:
    """The author fixes their comment within the edit window; it is marked as edited, and
    goes back to the queue when the new text trips a rule."""
    body = validate_body(body)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().select_related("page").get(pk=comment.pk)
        if comment.author_id != user.pk:
            raise CommentError(_("Je kan alleen je eigen reacties bewerken."), status=403)
        _check_not_banned(user)
        if comment.status not in (CommentStatus.VISIBLE, CommentStatus.PENDING):
            raise CommentError(_("Deze reactie kan je niet meer bewerken."), status=403)
        if timezone.now() >= comment.editable_until():
            raise CommentError(
                _("Je kan een reactie maar %(minutes)d minuten na het plaatsen bewerken.")
                % {"minutes": current_rules().edit_minutes},
                status=403,
            )
        if body == comment.body:
            return comment
        rules = current_rules()
        approved = (
            Comment.objects.filter(author=user, status=CommentStatus.VISIBLE)
            .exclude(pk=comment.pk)
            .count()
        )
        reasons = hold_reasons(
            user=user,
            page=comment.page.specific,
            body=body,
            approved_count=approved,
            rules=rules,
        )
        comment.body = body
        comment.edited_at = timezone.now()
        fields = ["body", "edited_at"]
        if reasons:
            comment.status = CommentStatus.PENDING
            comment.held_reason = ("; ".join(reasons) + _(" (na bewerking)"))[:200]
            comment.is_featured = False
            fields += ["status", "held_reason", "is_featured"]
        comment.save(update_fields=fields)
        if reasons:
            _log(ModerationActionType.HOLD, comment=comment, reason=comment.held_reason)
        _announce([comment.page_id])
    return comment


def do_delete_comment(*, user, comment: Comment) -> Comment:
    """The author takes their comment down. Replies stay, under a placeholder; the text is
    kept out of sight for the moderators' history."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if comment.author_id != user.pk:
            raise CommentError(_("Je kan alleen je eigen reacties verwijderen."), status=403)
        if comment.status == CommentStatus.DELETED:
            return comment
        comment.status = CommentStatus.DELETED
        comment.deleted_at = timezone.now()
        comment.is_featured = False
        comment.save(update_fields=["status", "deleted_at", "is_featured"])
        _announce([comment.page_id])
    return comment


def do_set_like(*, user, comment: Comment, liked: bool | None = None) -> tuple[bool, int]:
    """Like or unlike (None: toggle). Returns (liked now, the comment's like count)."""
    _check_not_banned(user)
    if comment.status != CommentStatus.VISIBLE:
        raise CommentError(_("Deze reactie is niet meer zichtbaar."), status=404)
    if comment.author_id == user.pk:
        raise CommentError(_("Je eigen reactie liken kan niet."), status=403)
    with transaction.atomic():
        existing = CommentLike.objects.filter(user=user, comment=comment)
        if liked is None:
            liked = not existing.exists()
        if liked:
            try:
                with transaction.atomic():
                    CommentLike.objects.create(user=user, comment=comment)
            except IntegrityError:
                pass  # already liked (double click, second tab)
            else:
                Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
        else:
            removed, _detail = existing.delete()
            if removed:
                Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") - 1)
        count = Comment.objects.values_list("like_count", flat=True).get(pk=comment.pk)
        _announce([comment.page_id])
    return liked, count


def do_report_comment(
    *, user, comment: Comment, reason: str, note: str = ""
) -> tuple[CommentReport, bool]:
    """A reader flags a comment. After `report_threshold` open reports it is hidden until a
    moderator looks. Returns (report, created)."""
    _check_not_banned(user)
    if reason not in ReportReason.values:
        raise CommentError(_("Kies een reden."), field="reason")
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if comment.status != CommentStatus.VISIBLE:
            raise CommentError(_("Deze reactie is niet meer zichtbaar."), status=404)
        if comment.author_id == user.pk:
            raise CommentError(_("Je eigen reactie melden kan niet."), status=403)
        report = CommentReport.objects.filter(comment=comment, reporter=user).first()
        if report is not None:
            return report, False
        report = CommentReport.objects.create(
            comment=comment, reporter=user, reason=reason, note=clean_body(note)[:300]
        )
        comment.report_count += 1
        fields = ["report_count"]
        threshold = current_rules().report_threshold
        if threshold and comment.report_count >= threshold:
            comment.status = CommentStatus.PENDING
            comment.held_reason = _("gemeld door %(count)d lezers") % {
                "count": comment.report_count
            }
            comment.is_featured = False
            fields += ["status", "held_reason", "is_featured"]
            _log(ModerationActionType.HIDE_REPORTED, comment=comment, reason=comment.held_reason)
            _announce([comment.page_id])
        comment.save(update_fields=fields)
    return report, True


# --- moderators -----------------------------------------------------------------------


def _resolve_reports(comment: Comment, moderator) -> None:
    CommentReport.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator
    )
    comment.report_count = 0


def do_approve(*, moderator, comments: Iterable[Comment], reason: str = "") -> int:
    """Publish held comments and clear reports on visible ones."""
    done = 0
    pages = set()
    with transaction.atomic():
        for comment in Comment.objects.select_for_update().filter(pk__in=[c.pk for c in comments]):
            if comment.status == CommentStatus.DELETED:
                continue
            comment.status = CommentStatus.VISIBLE
            comment.held_reason = ""
            _resolve_reports(comment, moderator)
            comment.save(update_fields=["status", "held_reason", "report_count"])
            _log(ModerationActionType.APPROVE, moderator=moderator, comment=comment, reason=reason)
            pages.add(comment.page_id)
            done += 1
        _announce(pages)
    return done


def do_reject(*, moderator, comments: Iterable[Comment], reason: str = "") -> int:
    """Take comments off the page for good (they stay in the reader's history)."""
    done = 0
    pages = set()
    with transaction.atomic():
        for comment in Comment.objects.select_for_update().filter(pk__in=[c.pk for c in comments]):
            if comment.status == CommentStatus.DELETED:
                continue
            comment.status = CommentStatus.REMOVED
            comment.is_featured = False
            _resolve_reports(comment, moderator)
            comment.save(update_fields=["status", "is_featured", "report_count"])
            _log(ModerationActionType.REJECT, moderator=moderator, comment=comment, reason=reason)
            pages.add(comment.page_id)
            done += 1
        _announce(pages)
    return done


def do_feature(
    *, moderator, comments: Iterable[Comment], featured: bool = True, reason: str = ""
) -> int:
    """Mark visible comments as `uitgelicht` (or not any more)."""
    done = 0
    pages = set()
    with transaction.atomic():
        for comment in Comment.objects.select_for_update().filter(pk__in=[c.pk for c in comments]):
            if comment.status != CommentStatus.VISIBLE or comment.is_featured == featured:
                continue
            comment.is_featured = featured
            comment.featured_at = timezone.now() if featured else None
            comment.save(update_fields=["is_featured", "featured_at"])
            _log(
                ModerationActionType.FEATURE if featured else ModerationActionType.UNFEATURE,
                moderator=moderator,
                comment=comment,
                reason=reason,
            )
            pages.add(comment.page_id)
            done += 1
        _announce(pages)
    return done


def do_ban(*, moderator, user, reason: str, days: int = 0, comment: Comment | None = None) -> Ban:
    """Stop a reader from posting, liking and reporting, for `days` (0: for good)."""
    if is_trusted(user):
        raise CommentError(_("Redacteurs en moderatoren kan je niet blokkeren."), status=403)
    reason = reason.strip()
    if not reason:
        raise CommentError(_("Geef een reden: de lezer krijgt ze te zien."), field="reason")
    with transaction.atomic():
        now = timezone.now()
        ban = Ban.objects.create(
            user=user,
            reason=reason,
            created_by=moderator,
            created_at=now,
            expires_at=now + timedelta(days=days) if days else None,
        )
        until = (
            date_format(timezone.localtime(ban.expires_at), "j F Y, H:i")
            if ban.expires_at
            else _("voorgoed")
        )
        _log(
            ModerationActionType.BAN,
            moderator=moderator,
            comment=comment,
            user=user,
            reason=f"{reason} ({_('tot')} {until})",
        )
    return ban


def do_lift_ban(*, moderator, ban: Ban, reason: str = "") -> Ban:
    with transaction.atomic():
        ban = Ban.objects.select_for_update().get(pk=ban.pk)
        if ban.lifted_at is None:
            ban.lifted_at = timezone.now()
            ban.lifted_by = moderator
            ban.save(update_fields=["lifted_at", "lifted_by"])
            _log(ModerationActionType.UNBAN, moderator=moderator, user=ban.user, reason=reason)
    return ban
