"""PP 49/2020 contribution relief: for the contribution months August 2020 to January 2021 the JKK and JKM
contributions are 99% off and the JP contribution 99% deferred (PU and BPU), and the late fee falls from 2%
to 0.5% a month.

The waiver and the deferral are hooks the contributions process reads (``model.relief_discount``,
``model.jp_deferred``; the BPU package price reads the discount too): the contributions collected fall,
and what was waived or deferred is counted (``contribution_relief_rupiah``). The deferred JP was payable
later; its repayment is not modelled (the rupiah indicator counts what was collected in the month). The
discount went to employers paid up, and the lower late fee made paying up cheaper, so employers in
arrears pay up faster while the relief runs (``arrears_cure_multiplier``, an assumption).
"""

from enrolsim.events.base import Event, scale_hook, shift_hook
from enrolsim.state import ModelState


class ContributionRelief(Event):
    """JKK and JKM waived, JP deferred, arrears cured faster, for the relief's contribution months."""

    kind = "contribution_relief"

    def begin(self, model: ModelState) -> None:
        s = self.settings
        shift_hook(model, "relief_discount", s.discount)
        shift_hook(model, "jp_deferred", s.jp_deferred)
        scale_hook(model, "arrears_cure_multiplier", self, s.arrears_cure_multiplier)

    def end(self, model: ModelState) -> None:
        s = self.settings
        shift_hook(model, "relief_discount", -s.discount)
        shift_hook(model, "jp_deferred", -s.jp_deferred)
        scale_hook(model, "arrears_cure_multiplier", self, 1.0)
