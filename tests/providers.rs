//! Provider recognition: every mailbox provider and gateway of the vendor registry that
//! issue #13 lists is named in the report when its receiving host answered, whether the
//! host stands in a pasted Postfix line (`host X[ip] said:`) or in a DSN's Remote-MTA, and
//! the report carries its advice and sources.

use bounce_decoder::{decode, Lang, Options};

/// (provider name in the report, receiving hosts as they appear in bounces)
const PROVIDERS: &[(&str, &[&str])] = &[
    (
        "Google",
        &["gmail-smtp-in.l.google.com", "aspmx.l.google.com"],
    ),
    (
        "Microsoft 365",
        &["contoso-com.mail.protection.outlook.com"],
    ),
    (
        "Microsoft Outlook.com",
        &[
            "outlook-com.olc.protection.outlook.com",
            "hotmail-com.olc.protection.outlook.com",
            "mx1.hotmail.com",
        ],
    ),
    (
        "Yahoo",
        &["mta5.am0.yahoodns.net", "mx-aol.mail.gm0.yahoodns.net"],
    ),
    ("AOL", &["mailin-01.mx.aol.com"]),
    (
        "Apple iCloud",
        &["mx01.mail.icloud.com", "mx2.me.com.akadns.net"],
    ),
    ("GMX / mail.com", &["mx00.gmx.net", "mx01.mail.com"]),
    ("WEB.DE", &["mx-ha.web.de"]),
    (
        "IONOS (1&1)",
        &["mx00.ionos.de", "mx01.kundenserver.de", "mx00.1and1.co.uk"],
    ),
    ("Deutsche Telekom (T-Online)", &["mx02.t-online.de"]),
    ("freenet", &["mx.freenet.de"]),
    ("Orange", &["smtp-in.orange.fr", "smtp-in.wanadoo.fr"]),
    ("Free", &["mx1.free.fr"]),
    ("SFR", &["smtp-in.sfr.fr"]),
    ("La Poste", &["smtpz4.laposte.net"]),
    ("Libero / Italiaonline", &["smtp-in.libero.it", "mx.iol.it"]),
    ("Aruba", &["mx.aruba.it"]),
    ("Mail.ru", &["mxs.mail.ru", "emx.mail.ru"]),
    ("Yandex", &["mx.yandex.net", "mx.yandex.ru"]),
    ("Rambler", &["mx.rambler.ru"]),
    ("Seznam.cz", &["mx1.seznam.cz"]),
    ("QQ Mail / Tencent", &["mx3.qq.com", "mxbiz1.qq.com"]),
    (
        "NetEase (163.com / 126.com)",
        &["163mx02.mxmail.netease.com", "126mx01.mxmail.netease.com"],
    ),
    ("Naver", &["mx1.naver.com"]),
    ("Daum / Kakao", &["mx1.hanmail.net"]),
    ("Comcast", &["mx1h1.comcast.net"]),
    ("Cox", &["cxr.mx.a.cloudfilter.net"]),
    ("Spectrum (Charter)", &["mx1.charter.net", "mx.twc.com"]),
    ("AT&T", &["al-ip4-mx-vip1.prodigy.net"]),
    ("Verizon", &["relay.verizon.net", "mx.vtext.com"]),
    ("UOL", &["mx.uol.com.br"]),
    ("NTT docomo", &["mfsmax.docomo.ne.jp"]),
    ("au (KDDI)", &["lsean.ezweb.ne.jp", "msmx.au.com"]),
    ("SoftBank", &["mx.i.softbank.jp", "mx.softbank.ne.jp"]),
    (
        "Proton Mail",
        &["mail.protonmail.ch", "mailsec.protonmail.ch"],
    ),
    ("Fastmail", &["in1-smtp.messagingengine.com"]),
    ("Zoho", &["mx.zoho.com", "mx.zoho.eu"]),
    ("Amazon WorkMail", &["example-org.awsapps.com"]),
    (
        "Proofpoint",
        &["mx0a-00123401.pphosted.com", "mx1-us1.ppe-hosted.com"],
    ),
    (
        "Mimecast",
        &[
            "us-smtp-inbound-1.mimecast.com",
            "eu-smtp-inbound-1.mimecast.com",
        ],
    ),
    ("Barracuda", &["d123456a.ess.barracudanetworks.com"]),
    ("Cisco Secure Email", &["mx1.hc3459-45.iphmx.com"]),
    ("Trend Micro", &["example-com.in.tmes.trendmicro.com"]),
    ("Sophos", &["mx-01-eu-central-1.prod.hydra.sophos.com"]),
    ("Hornetsecurity", &["mx01.hornetsecurity.com"]),
    (
        "Symantec Email Security.cloud (Broadcom)",
        &["cluster1.eu.messagelabs.com"],
    ),
];

fn provider_of(text: &str, lang: Lang) -> Option<bounce_decoder::report::Provider> {
    let report = decode(
        text,
        &Options {
            lang,
            ..Options::default()
        },
    );
    assert_eq!(report.recipients.len(), 1, "{text}");
    report.recipients[0].provider.clone()
}

#[test]
fn every_listed_provider_is_recognised_by_its_receiving_host() {
    assert!(PROVIDERS.len() >= 45);
    let mut problems = Vec::new();
    for (name, hosts) in PROVIDERS {
        for host in *hosts {
            let postfix = format!("<bob@example.org>: host {host}[192.0.2.1] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)");
            let dsn = format!("Final-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; {host}\nDiagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: user unknown\n");
            for (form, text) in [("host ... said", &postfix), ("Remote-MTA", &dsn)] {
                for lang in [Lang::En, Lang::De] {
                    match provider_of(text, lang) {
                        Some(p) if p.name == *name => {
                            if p.advice.as_deref().is_none_or(|a| a.trim().is_empty()) {
                                problems.push(format!("{name} ({lang:?}): no advice"));
                            }
                            if p.sources.is_empty() {
                                problems.push(format!("{name}: no sources in the report"));
                            }
                        }
                        other => problems.push(format!(
                            "{host} ({form}): want {name}, got {:?}",
                            other.map(|p| p.name)
                        )),
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_most_specific_host_wins_and_gateways_are_named_for_their_hosts() {
    // Outlook.com's hosts lie under Microsoft 365's protection.outlook.com
    let consumer = "<bob@example.org>: host hotmail-com.olc.protection.outlook.com[192.0.2.1] said: 550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. (S3150)";
    assert_eq!(
        provider_of(consumer, Lang::En).map(|p| p.name).as_deref(),
        Some("Microsoft Outlook.com")
    );
    // a Proofpoint gateway in front of a company on Microsoft 365 is Proofpoint
    let gateway = "<bob@example.org>: host mx0b-00123401.pphosted.com[192.0.2.1] said: 550 5.1.1 User unknown; see protection.outlook.com";
    assert_eq!(
        provider_of(gateway, Lang::En).map(|p| p.name).as_deref(),
        Some("Proofpoint")
    );
    // WEB.DE and GMX run on one platform and stay apart
    assert_eq!(
        provider_of("<a@web.de>: host mx-ha.web.de[192.0.2.1] said: 550 Requested action not taken: mailbox unavailable", Lang::En)
            .map(|p| p.name)
            .as_deref(),
        Some("WEB.DE")
    );
}

#[test]
fn replies_without_a_host_are_recognised_by_markers_only_their_provider_writes() {
    for (line, name) in [
        ("550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102", "Orange"),
        ("550 5.7.1 Service refuse. Veuillez essayer plus tard. service refused, please try later. LPN007_510", "La Poste"),
        ("550 Ip frequency limited [Blocked IP 192.0.2.22]. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725", "QQ Mail / Tencent"),
        ("550 5.1.0 <a@example.com> sender rejected. Refer to Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#CDRBL", "Cox"),
        ("550 5.1.0 <a@example.com> sender rejected. Please see https://www.spectrum.net/support/internet/understanding-email-error-codes for more information. AUP#In-1310", "Spectrum (Charter)"),
        ("550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140).", "Microsoft Outlook.com"),
        ("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "Microsoft 365"),
    ] {
        assert_eq!(
            provider_of(line, Lang::En).map(|p| p.name).as_deref(),
            Some(name),
            "{line}"
        );
    }
}
