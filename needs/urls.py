from django.urls import path

from .views import designs, public, review

app_name = "needs"
urlpatterns = [
    path("", public.need_list, name="list"),
    path("new/", public.need_create, name="create"),
    path("new/community/", public.community_pick, name="community_pick"),
    path("mine/", public.my_needs, name="mine"),
    path("<int:pk>/", public.need_detail, name="detail"),
    path("<int:pk>/photos/<int:photo_id>/", public.need_photo, name="photo"),
    path("<int:pk>/endorse/", public.need_endorse, name="endorse"),
    path("<int:pk>/follow/", public.need_follow, name="follow"),
    path("<int:pk>/withdraw/", public.need_withdraw, name="withdraw"),
    path("review/", review.review_queue, name="review"),
    path("review/publish/", review.need_bulk_publish, name="bulk_publish"),
    path("<int:pk>/publish/", review.need_publish, name="publish"),
    path("<int:pk>/reject/", review.need_reject, name="reject"),
    path("<int:pk>/merge/", review.need_merge, name="merge"),
    path("<int:pk>/out-of-scope/", review.need_out_of_scope, name="out_of_scope"),
    path("consultations/", review.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", review.consultation_detail, name="consultation"),
    path("consultations/new/", review.consultation_create, name="consultation_create"),
    path("designs/new/", designs.design_create, name="design_create"),
    path("designs/<int:pk>/edit/", designs.design_edit, name="design_edit"),
]
