//! Serde forms of amounts: written as `"300000.00"`, read from a number (by its shortest decimal
//! form) or a string in any form [`parse_amount`] takes.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;

use super::{parse_amount, plain, read_number, AmountError};

pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&plain(*d))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(AmountVisitor)
}

struct AmountVisitor;

fn fail<E: de::Error>(e: AmountError) -> E {
    E::custom(ForSerde(e))
}

/// A refused amount as serde reports it: `amount_format: not an amount we understand…`. Its
/// `Display` is the catalogue's (the words live there): this module only asks for it.
pub(crate) struct ForSerde(pub AmountError);

impl Visitor<'_> for AmountVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an amount in yuan, as a number or a string")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Decimal, E> {
        parse_amount(s).map_err(fail)
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Decimal, E> {
        read_number(f).map_err(fail)
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Decimal, E> {
        read_number(i as f64).map_err(fail)
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Decimal, E> {
        read_number(u as f64).map_err(fail)
    }
}

/// The same for an optional amount: absent or null is `None`.
pub mod opt {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => super::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super")] Decimal);
        Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
    }
}
