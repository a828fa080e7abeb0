from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mystuff.selectors import customer_for_user
from notices import selectors, services


@require_POST
@login_required
def choose(request: HttpRequest, pk: int) -> HttpResponse:
    """One click on a notice's way out: recorded, handed to a team, back where they were."""
    notice = selectors.notice_for_customer(customer=customer_for_user(request.user), pk=pk)
    if notice is None:
        raise Http404
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = notice.item.get_absolute_url() if notice.item else "/my-stuff/"
    try:
        services.notice_choose(
            notice=notice,
            choice=request.POST.get("choice", ""),
            user=request.user,  # type: ignore[arg-type]
        )
    except services.NoticeError as error:
        messages.error(request, str(error))
    return redirect(f"{back}#notice-{notice.pk}")
