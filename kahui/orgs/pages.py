"""What apps above organisations add to an organisation's page."""

from kahui.core.registry import PagePart, Registry

# Cards of the organisation's page, below its figures. Each part's context function
# takes the organisation and the viewer's OrgMembership; kahui.groups adds the card of
# the organisation's learning groups, and its ``groups`` also give the page's figure.
detail_parts: Registry[PagePart] = Registry("cards on an organisation's page")
