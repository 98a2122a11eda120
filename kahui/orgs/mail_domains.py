"""Public mail services: anyone can have an address there, so no organisation may claim
their domains (a tie would let every stranger with such an address join)."""

PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "aol.com",
        "gmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "googlemail.com",
        "hey.com",
        "hotmail.co.nz",
        "hotmail.co.uk",
        "hotmail.com",
        "hotmail.nl",
        "icloud.com",
        "kpnmail.nl",
        "live.com",
        "live.nl",
        "mac.com",
        "mail.com",
        "me.com",
        "msn.com",
        "outlook.co.nz",
        "outlook.com",
        "outlook.nl",
        "pm.me",
        "proton.me",
        "protonmail.com",
        "xtra.co.nz",
        "yahoo.co.nz",
        "yahoo.co.uk",
        "yahoo.com",
        "zoho.com",
        "ziggo.nl",
    }
)


def is_public_mail_domain(domain: str) -> bool:
    """Whether ``domain`` is a public mail service's, or lies under one (a tied domain
    covers its subdomains, so ``eu.outlook.com`` is refused like ``outlook.com``)."""
    labels = domain.strip().lower().rstrip(".").split(".")
    return any(".".join(labels[n:]) in PUBLIC_MAIL_DOMAINS for n in range(len(labels)))
