from django.shortcuts import render
from django.views.decorators.cache import cache_control


@cache_control(max_age=3600)
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")
