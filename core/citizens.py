"""Citizens: one per channel identity, with optional name, phone, CNIC and preferred language."""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.complaints.models import Citizen
from core.errors import InvalidInput, NotFound

LANGUAGES = ("en", "ur", "roman_ur")
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
NAME_LENGTH = 120  # citizens.name
ADDRESS_LENGTH = 120  # citizens.address


def normalise_cnic(cnic: str) -> str:
    digits = re.sub(r"[\s-]", "", cnic or "")
    if not re.fullmatch(r"\d{13}", digits):
        raise InvalidInput("CNIC must have 13 digits")
    return digits


def normalise_phone(phone: str) -> str:
    """E.164; Pakistani local forms (03001234567, 923001234567) are accepted."""
    raw = re.sub(r"[\s()-]", "", phone or "")
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    elif raw.startswith("03") and len(raw) == 11:
        raw = "+92" + raw[1:]
    elif raw.startswith("92") and len(raw) == 12:
        raw = "+" + raw
    if not _E164.match(raw):
        raise InvalidInput("phone number must be in international form, e.g. +923001234567")
    return raw


def find_citizen(session: Session, channel: str, address: str) -> Citizen | None:
    return session.scalar(select(Citizen).where(Citizen.channel == channel,
                                                Citizen.address == address[:ADDRESS_LENGTH]))


def get_or_create_citizen(session: Session, channel: str, address: str, *, name: str | None = None,
                          language: str | None = None) -> Citizen:
    address = address[:ADDRESS_LENGTH]
    found = session.scalar(select(Citizen).where(Citizen.channel == channel, Citizen.address == address))
    if found is not None:
        return found
    name = (name or "").replace("\x00", "").strip()[:NAME_LENGTH]  # Telegram allows 64+64 characters
    citizen = Citizen(channel=channel, address=address, name=name or None, language=language or "ur")
    if channel in ("whatsapp", "sms") and _E164.match(address):  # never a longer 'number' than the column holds
        citizen.phone = address
    try:
        with session.begin_nested():  # a concurrent first message from the same sender may win the insert
            session.add(citizen)
            session.flush()
    except IntegrityError:
        winner = find_citizen(session, channel, address)
        if winner is None:  # the conflict was not this identity: nothing sensible to return
            raise
        return winner
    return citizen


PAKISTANI_MOBILE = re.compile(r"^\+923\d{9}$")


def set_update_phone(session: Session, channel: str, address: str, phone: str) -> str:
    """A web citizen leaves a mobile number for SMS updates on their complaints: a Pakistani mobile
    (03xx…, 923xx…, +923xx…). Only a citizen who has written exists; returns the stored E.164 form."""
    try:
        number = normalise_phone(phone)
    except InvalidInput:
        number = ""
    if not PAKISTANI_MOBILE.match(number):
        raise InvalidInput("give a Pakistani mobile number, e.g. 0300 1234567")
    citizen = find_citizen(session, channel, address)
    if citizen is None:
        raise NotFound("no conversation for this visitor yet")
    citizen.phone = number
    return number


def update_profile(session: Session, citizen: Citizen, *, name: str | None = None, phone: str | None = None,
                   cnic: str | None = None, language: str | None = None) -> Citizen:
    if name is not None:
        citizen.name = name.strip()[:NAME_LENGTH] or None
    if phone is not None:
        citizen.phone = normalise_phone(phone)
    if cnic is not None:
        citizen.cnic = normalise_cnic(cnic)
    if language is not None:
        if language not in LANGUAGES:
            raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}")
        citizen.language = language
    return citizen
