//! Low-level scanners over text: codes, addresses and SMTP replies. They know nothing of
//! message formats; the readers in `crate::input` use them.

pub mod address;
pub mod codes;
pub mod patterns;
pub mod reply;
pub mod text;
