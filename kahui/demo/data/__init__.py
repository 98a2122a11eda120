"""The demo's tables: organisations and people, groups, meetings, sharing and school
calendars. They hold data only; :mod:`kahui.demo.builder` plays them through the
services."""
