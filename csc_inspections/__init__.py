"""csc-inspections: Ofsted reports on English local authority children's services, as data."""

__version__ = "0.1.0"
