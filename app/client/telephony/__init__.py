"""The desk's phone: one interface (`phone.Phone`) with two modes.

* ``baresip`` (`baresip.BaresipPhone`): a real softphone driven over its TCP control
  interface; the desk knows the call's state (ringing, answered, ended with its SIP cause)
  and its real talk time.
* ``hand-off`` (`handoff.HandOffPhone`): the tel:/sip: URL or command template of
  app.client.softphone; the number is handed over and the desk learns nothing more.
"""

from app.client.telephony.phone import CallEnd, CallEvent, Phone, PhoneError

__all__ = ["CallEnd", "CallEvent", "Phone", "PhoneError"]
