// Example inputs for the examples menu. Each has a stable id (its menu label is in
// i18n/<lang>.js under "example.<id>": the menu lists the labels) and the text that is put
// into the input box. app.js imports this module when the menu is used.
// Only documentation addresses are used: example.com/.net/.org and 192.0.2.x.

const DSN_EMAIL = [
  'Return-Path: <>',
  'Received: from mx.example.net (mx.example.net [192.0.2.25])',
  '\tby mail.example.com (Postfix) with ESMTP id 4F3A21C0042',
  '\tfor <newsletter@example.com>; Wed, 10 Jan 2024 12:00:05 +0100 (CET)',
  'Date: Wed, 10 Jan 2024 12:00:05 +0100 (CET)',
  'From: MAILER-DAEMON@mail.example.com (Mail Delivery System)',
  'Subject: Undelivered Mail Returned to Sender',
  'To: newsletter@example.com',
  'Auto-Submitted: auto-replied',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status;',
  '\tboundary="4F3A21C0042.1704884405/mail.example.com"',
  'Message-Id: <20240110110005.4F3A21C0042@mail.example.com>',
  '',
  'This is a MIME-encapsulated message.',
  '',
  '--4F3A21C0042.1704884405/mail.example.com',
  'Content-Description: Notification',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'This is the mail system at host mail.example.com.',
  '',
  "I'm sorry to have to inform you that your message could not",
  'be delivered to one or more recipients. It\'s attached below.',
  '',
  '<alice@example.org>: host mx.example.org[192.0.2.40] said: 550 5.1.1',
  '    <alice@example.org>: Recipient address rejected: User unknown in virtual',
  '    mailbox table (in reply to RCPT TO command)',
  '',
  '--4F3A21C0042.1704884405/mail.example.com',
  'Content-Description: Delivery report',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mail.example.com',
  'X-Postfix-Queue-ID: 4F3A21C0042',
  'X-Postfix-Sender: rfc822; newsletter@example.com',
  'Arrival-Date: Wed, 10 Jan 2024 12:00:04 +0100 (CET)',
  '',
  'Final-Recipient: rfc822; alice@example.org',
  'Action: failed',
  'Status: 5.1.1',
  'Remote-MTA: dns; mx.example.org',
  'Diagnostic-Code: smtp; 550 5.1.1 <alice@example.org>: Recipient address',
  '    rejected: User unknown in virtual mailbox table',
  '',
  '--4F3A21C0042.1704884405/mail.example.com',
  'Content-Description: Undelivered Message Headers',
  'Content-Type: text/rfc822-headers',
  '',
  'Return-Path: <newsletter@example.com>',
  'From: Example Newsletter <newsletter@example.com>',
  'To: alice@example.org',
  'Subject: Your January update',
  'Date: Wed, 10 Jan 2024 12:00:03 +0100',
  'Message-ID: <jan-update-0042@example.com>',
  '',
  '--4F3A21C0042.1704884405/mail.example.com--',
  '',
].join('\n');

export const EXAMPLES = [
  {
    id: 'gmail',
    // A multi-line reply as Postfix and most bounce messages fold it into one line.
    text: "550-5.1.1 The email account that you tried to reach does not exist. Please try " +
      "550-5.1.1 double-checking the recipient's email address for typos or " +
      "550-5.1.1 unnecessary spaces. For more information, go to " +
      "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-5ee2ab12c3dsi.12 - gsmtp",
  },
  {
    id: 'microsoft-block',
    text: '550 5.7.1 Unfortunately, messages from [192.0.2.1] weren\'t sent. Please contact your ' +
      'Internet service provider since part of their network is on our block list (S3150). ' +
      'You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. ' +
      '[DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com 2024-01-10T11:00:00.000Z 08DC1234567890AB]',
  },
  {
    id: 'microsoft-access-denied',
    text: '550 5.4.1 Recipient address rejected: Access denied. For more information see ' +
      'https://aka.ms/EXOSmtpErrors [AM6PEPF00012345.eurprd04.prod.outlook.com 2024-01-10T11:00:00.000Z 08DC1234567890AB]',
  },
  {
    id: 'yahoo',
    text: '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - ' +
      '4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
  },
  {
    id: 'gmx',
    text: 'host mx00.emig.gmx.net [192.0.2.30]\n' +
      'SMTP error from remote mail server after RCPT TO:<max.mustermann@example.net>:\n' +
      '550 Requested action not taken: mailbox unavailable',
  },
  {
    id: 'telekom',
    text: '554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact ' +
      'tosa@rx.t-online.de to clarify.) (NOWL)',
  },
  {
    id: 'postfix-log',
    text: 'Jan 10 12:00:00 mx postfix/smtp[123]: 4F3A: to=<bob@example.com>, relay=mx.example.com[192.0.2.10]:25, ' +
      'delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.10] said: ' +
      '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table ' +
      '(in reply to RCPT TO command))',
  },
  {
    id: 'mailbox-full',
    text: '452 4.2.2 <carol@example.org>: The email account that you tried to reach is over quota. ' +
      'Please direct the recipient to the mailbox quota help page.',
  },
  {
    id: 'success',
    text: '250 2.0.0 OK queued as 4F3A21C0042',
  },
  {
    id: 'no-code',
    text: 'Hello, I never got your email. Could you send it again?\n\nThanks, Dana',
  },
  {
    id: 'dsn-email',
    text: DSN_EMAIL,
  },
];
