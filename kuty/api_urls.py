"""/api/v1/: every app's API routes in one router."""

from django.urls import include, path

from accounts import api as accounts_api
from clients import api as clients_api
from core.api import Router
from decisions import api as decisions_api
from followup import api as followup_api
from placements import api as placements_api
from placements import notice_api
from plans import api as plans_api
from reports import api as reports_api
from rulesets import api as rulesets_api
from workability import api as workability_api

router = Router()
router.register("auth/tokens", accounts_api.ApiTokenViewSet, basename="api-token-own")
router.register("organizations", accounts_api.OrganizationViewSet, basename="organization")
router.register("sites", accounts_api.SiteViewSet, basename="site")
router.register("clients", clients_api.ClientViewSet, basename="client")
router.register("cases", clients_api.CaseViewSet, basename="case")
router.register("consents", clients_api.ConsentViewSet, basename="consent")
router.register("assessments", plans_api.AssessmentViewSet, basename="assessment")
router.register("activation-plans", plans_api.ActivationPlanViewSet, basename="activation-plan")
router.register("decisions", decisions_api.DecisionViewSet, basename="decision")
router.register("placements", placements_api.PlacementViewSet, basename="placement")
router.register("absence-notices", notice_api.AbsenceNoticeViewSet, basename="absence-notice")
router.register("rule-sets", rulesets_api.RuleSetViewSet, basename="rule-set")
router.register("evaluations", followup_api.EvaluationViewSet, basename="evaluation")
router.register(
    "capacity-assessments", followup_api.CapacityAssessmentViewSet, basename="capacity-assessment"
)
router.register("reviews", followup_api.ReviewViewSet, basename="review")
router.register("closures", followup_api.ClosureViewSet, basename="closure")
router.register("reminders", followup_api.ReminderViewSet, basename="reminder")
router.register("support-plans", workability_api.SupportPlanViewSet, basename="support-plan")
router.register(
    "integration-flags", workability_api.IntegrationFlagViewSet, basename="integration-flag"
)
router.register("handovers", workability_api.HandoverViewSet, basename="handover")

urlpatterns = [
    path("me/", accounts_api.MeView.as_view(), name="api-me"),
    path("auth/token/", accounts_api.ObtainTokenView.as_view(), name="api-token"),
    path("attendance/", placements_api.AttendanceView.as_view(), name="attendance"),
    path("reports/regional/", reports_api.RegionalReportView.as_view(), name="regional-report"),
    path("cases/<int:pk>/phase/", plans_api.CasePhaseView.as_view(), name="case-phase"),
    path("oma/", include("oma.api_urls")),  # the client's own (issue 24)
    path("", include(router.urls)),
]
