-- One database per service (tocsin_report is created by POSTGRES_DB).
CREATE DATABASE tocsin_alert OWNER tocsin;
CREATE DATABASE tocsin_gateway OWNER tocsin;
