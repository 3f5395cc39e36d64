"""What happens each month: one module per line of ``EnrolmentModel.PROCESSES``."""
