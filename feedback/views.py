from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases.models import Case
from feedback import selectors, services
from feedback.forms import FeedbackForm
from feedback.models import Target
from mystuff.models import Item
from mystuff.selectors import customer_for_user


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    customer = customer_for_user(request.user)
    if customer is None:
        raise Http404
    feedback = selectors.feedback_list_for_customer(customer=customer)[:100]
    return render(request, "feedback/home.html", {"feedback_list": feedback})


@require_http_methods(["GET", "POST"])
def give(request: HttpRequest, target: str, pk: int) -> HttpResponse:
    """The two questions. GET only shows the form (mail scanners follow links); POST saves.

    A signed link from the resolution email (``?t=``) works without signing in, for that case.
    """
    token = request.POST.get("t") or request.GET.get("t") or ""
    item: Item | None = None
    case: Case | None = None
    customer = customer_for_user(request.user)
    token_case = (
        selectors.case_from_invitation_token(token=token, pk=pk)
        if token and target == Target.CASE
        else None
    )
    if token_case is not None and (customer is None or customer.pk == token_case.customer_id):
        case, customer = token_case, token_case.customer
    elif not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    elif customer is None:
        raise Http404
    else:
        item, case = selectors.feedback_target_for_customer(customer=customer, target=target, pk=pk)
        token = ""
    existing = selectors.feedback_for_target(customer=customer, item=item, case=case)

    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            services.feedback_submit(
                customer=customer,
                item=item,
                case=case,
                satisfaction=form.cleaned_data["satisfaction"],
                feeling=form.cleaned_data["feeling"],
                comment=form.cleaned_data["comment"],
                follow_up_requested=form.cleaned_data["follow_up_requested"],
            )
            messages.success(request, _("Thank you. Your feedback has been saved."))
            url = reverse("feedback:give", kwargs={"target": target, "pk": pk})
            return redirect(f"{url}?{urlencode({'t': token})}" if token else url)
        status = 400
    else:
        form = FeedbackForm(initial=FeedbackForm.initial_from(existing))
        status = 200
    context = {
        "form": form,
        "item": item,
        "case": case,
        "feedback": existing,
        "versions": selectors.feedback_versions(feedback=existing)[:20] if existing else [],
        "token": token,
        "target": target,
    }
    return render(request, "feedback/give.html", context, status=status)
